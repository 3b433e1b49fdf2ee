/**
 * Lines of a byte stream with real backpressure: the stream is iterated chunk by chunk and the next
 * chunk is read only when the consumer asked for more lines. (readline's async iterator buffers lines
 * without bound when the consumer is slower than the disk, which made a 1 GB log use ever more memory.)
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Yields every line (without its \n or \r\n) of a UTF-8 stream. */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}
