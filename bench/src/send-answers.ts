// What the benchmark's fake endpoints answer to a send: the Graph API's and WATI's session-send
// responses, as JSON text. Shared by the JSON server and the HTTP-less sender.

/** The Graph API's answer to `POST /{phone-number-id}/messages`. */
export const graphSend = JSON.stringify({
  messaging_product: 'whatsapp',
  contacts: [{ input: '16505551234', wa_id: '16505551234' }],
  messages: [
    { id: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA', message_status: 'accepted' },
  ],
});
/** WATI's answer to `POST /api/v1/sendSessionMessage/{number}`. */
export const watiSend = JSON.stringify({
  ok: true,
  result: 'success',
  message: {
    id: '693fd65f961dc81779391640',
    whatsappMessageId: 'wamid.HBgNODYxMzEzMzg4Nzg2MDU0FQIAERgSQzE3N0IyMTEyMzA0OEMzMzlGAA==',
    conversationId: '68cba32b3349e57578adb12b',
    ticketId: '693f7a0a8545f54d1d45f540',
    text: 'Hello from the benchmark',
    type: 'text',
    isOwner: true,
    status: 1,
    statusString: 'SENT',
    created: '2026-09-15T09:35:26.117Z',
  },
});
