/**
 * The head of a GET as the lean HTTP/1.1 client writes it: one latin1 string, the fixed headers (Host,
 * user agent, a provider's) prebuilt once, a request's own headers replacing fixed ones of the same name.
 */

// A path or header value with a control character or space would split or smuggle requests.
const UNSAFE_PATH = /[^\x21-\x7e]/;
const UNSAFE_VALUE = /[\r\n\0]/;

/** Builds request heads for one host; shared by every connection to it. */
export class RequestHead {
  private readonly base: Record<string, string>;
  private readonly baseLines: string;

  constructor(hostHeader: string, baseHeaders: Record<string, string>) {
    this.base = { host: hostHeader, ...lowerKeys(baseHeaders) };
    this.baseLines = ` HTTP/1.1\r\n${headerLines(this.base)}`;
  }

  /** The whole head of `GET path`; throws TypeError on an unsafe path or header (nothing is sent then). */
  get(path: string, headers: Record<string, string> | undefined): string {
    if (UNSAFE_PATH.test(path)) throw new TypeError(`unsafe request path ${JSON.stringify(path)}`);
    return `GET ${path}${headers === undefined ? this.baseLines : this.linesWith(headers)}\r\n`;
  }

  /**
   * The header lines with a request's own headers. One of the same name as a fixed header (Host, the user
   * agent, a provider's) replaces it rather than adding a second line, which servers may answer with 400.
   */
  private linesWith(headers: Record<string, string>): string {
    for (const name in headers) {
      if (Object.hasOwn(this.base, name.toLowerCase())) return ` HTTP/1.1\r\n${headerLines({ ...this.base, ...lowerKeys(headers) })}`;
    }
    return this.baseLines + headerLines(headers);
  }
}

function headerLines(headers: Record<string, string>): string {
  let out = '';
  for (const name in headers) {
    const value = headers[name] as string;
    if (UNSAFE_VALUE.test(value) || UNSAFE_VALUE.test(name) || name.includes(':')) throw new TypeError(`unsafe request header ${JSON.stringify(name)}`);
    out += `${name}: ${value}\r\n`;
  }
  return out;
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) out[name.toLowerCase()] = headers[name] as string;
  return out;
}
