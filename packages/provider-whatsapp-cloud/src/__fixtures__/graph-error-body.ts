/**
 * A Graph error body for `code`, as Meta sends it: `(#code)` message, `error_data.details`
 * (`Details of <code>`) and `fbtrace_id` (`trace-<code>`).
 */
export function graphError(code: number, extra: Record<string, unknown> = {}) {
  return {
    error: {
      message: `(#${code}) Meta says something`,
      type: 'OAuthException',
      code,
      error_data: { messaging_product: 'whatsapp', details: `Details of ${code}` },
      fbtrace_id: `trace-${code}`,
      ...extra,
    },
  };
}
