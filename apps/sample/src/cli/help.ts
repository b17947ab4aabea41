const GLOBAL = `Options for every command:
  -c, --config <file>  config file (default: $SWITCHBOARD_CONFIG, else switchboard.config.json
                       in the current directory or a parent)
      --json           print one JSON document on stdout instead of text
  -h, --help           show help
`;

const EXIT_CODES = `Exit codes: 0 done, 1 failed (provider or network error, failed recipients),
2 could not run (usage, configuration, invalid input, feature the provider lacks).
`;

/** `switchboard --help`. */
export const TOP_HELP = `switchboard: send and receive WhatsApp messages through WhatsApp Cloud or WATI,
switched by configuration only.

Usage: switchboard <command> [options]

Commands:
  send            send one message (text, image, template, or a JSON message file)
  templates list  list the provider's message templates
  contacts list   list the provider's contacts (WATI)
  bulk            send a template to every row of a CSV file
  serve           run the inbox, the JSON API and the webhook endpoints

Without a config file or provider credentials in the environment, every command runs
in sandbox mode against built-in emulators: nothing is sent to WhatsApp.
SWITCHBOARD_PROVIDER=wati switches the provider.

${GLOBAL}
Run 'switchboard <command> --help' for a command's options.
${EXIT_CODES}`;

/** `switchboard <command> --help`. */
export const COMMAND_HELP = {
  send: `Usage: switchboard send --to <phone> (--text <text> | --image <url|path> | --template <name>) [options]
       switchboard send --message <file>

Send one message. Phone numbers take any common form: +44 7700 900123, 447700900123.

  --to <phone>          recipient, with country code
  --text <text>         a text message
  --image <url|path>    an image by http(s) URL, or a local .jpg/.png file (uploaded)
  --caption <text>      the image's caption
  --template <name>     an approved template
  --language <code>     the template's language (default en_US)
  --param <key=value>   a template parameter, repeatable: --param 1=Ada --param 2=42 for
                        {{1}} {{2}}, or --param name=Ada for {{name}}
  --message <file>      a full OutboundMessage as JSON (media bytes as base64 "data");
                        '--json <file>' does the same

Examples:
  switchboard send --to +447700900123 --text "Your order shipped"
  switchboard send --to 447700900123 --template order_update --param name=Ada --param ordernumber=42

${GLOBAL}${EXIT_CODES}`,
  templates: `Usage: switchboard templates list [--page-size <n>] [--cursor <cursor>]

List the provider's message templates and the parameters each expects.

  --page-size <n>       templates per page
  --cursor <cursor>     the page after the one that printed this cursor

${GLOBAL}${EXIT_CODES}`,
  contacts: `Usage: switchboard contacts list [--name <text>] [--page-size <n>] [--cursor <cursor>]

List the provider's contacts. WhatsApp Cloud has no contacts API (exit code 2).

  --name <text>         contacts whose name contains this text
  --page-size <n>       contacts per page
  --cursor <cursor>     the page after the one that printed this cursor

${GLOBAL}${EXIT_CODES}`,
  bulk: `Usage: switchboard bulk --template <name> --csv <file> [options]

Send one template to every row of a CSV file. The CSV needs a "phone" column (a number with
its country code, or a business-scoped user id where the provider can address one); the other
columns are the template's parameters: "1", "2"… for {{1}} {{2}}, or names for {{name}}.
Every row is checked before anything is sent. Asks for confirmation on a terminal.

  --template <name>        an approved template
  --language <code>        the template's language (default en_US)
  --csv <file>             the recipients
  --out <file>             per-recipient results as JSON lines, a new file
                           (default bulk-results-<timestamp>.jsonl)
  --campaign <label>       a label for the send: WATI's broadcast name, WhatsApp Cloud's callback data
  -y, --yes                send without asking (required when stdin is not a terminal)

Example:
  switchboard bulk --template order_update --csv customers.csv --out results.jsonl

${GLOBAL}${EXIT_CODES}`,
  serve: `Usage: switchboard serve [--port <n>] [--host <address>]

Run the inbox page, the JSON API and the webhook endpoints until Ctrl-C (SIGINT) or SIGTERM.

  --port <n>            port (default $PORT, else 3000; 0 picks a free one)
  --host <address>      address (default $HOST, else 127.0.0.1: this machine only)

Set SWITCHBOARD_ACCESS_TOKEN to require a login for the inbox and a bearer token for /api/*
(required in live mode beyond loopback).

${GLOBAL}${EXIT_CODES}`,
} as const;

/** A command with its own help. */
export type HelpTopic = keyof typeof COMMAND_HELP;
