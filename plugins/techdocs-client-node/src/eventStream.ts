/** One server-sent event. */
export interface ServerSentEvent {
  /** Its `event:` field, or `message` when it has none. */
  event: string;
  /** Its `data:` lines joined with `\n`. */
  data: string;
}

/** The line and field rules of the standard; fed text, it returns the events completed by it. */
export class EventStreamParser {
  private rest = '';
  /** The last text ended in `\r`: a `\n` starting the next one ends no line. */
  private afterCarriageReturn = false;
  private type = '';
  private data: string[] = [];

  push(text: string): ServerSentEvent[] {
    let input = text;
    if (this.afterCarriageReturn && input) {
      this.afterCarriageReturn = false;
      if (input.startsWith('\n')) input = input.slice(1);
    }
    const buffer = this.rest + input;
    const events: ServerSentEvent[] = [];
    const lineEnd = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = lineEnd.exec(buffer); m; m = lineEnd.exec(buffer)) {
      const event = this.line(buffer.slice(start, m.index));
      if (event) events.push(event);
      start = lineEnd.lastIndex;
      if (m[0] === '\r' && start === buffer.length) {
        this.afterCarriageReturn = true;
      }
    }
    this.rest = buffer.slice(start);
    return events;
  }

  private line(line: string): ServerSentEvent | undefined {
    if (line === '') {
      const event = this.data.length
        ? { event: this.type || 'message', data: this.data.join('\n') }
        : undefined;
      this.type = '';
      this.data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    // `id` and `retry` only matter to a client that reconnects; this one does not.
    return undefined;
  }
}

/**
 * Reads a `text/event-stream` body event by event, as the HTML standard
 * parses it: lines end in `\n`, `\r\n` or `\r` (also when a chunk ends
 * between `\r` and `\n`), `:` lines are comments, an event's `data:` lines are
 * joined with `\n`, and an event is dispatched at the blank line that ends it.
 * UTF-8 characters split across chunks are decoded whole. An event that the
 * stream ends without closing is dropped, as browsers do.
 */
export async function* readEventStream(
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder(); // drops a leading byte order mark
  const parser = new EventStreamParser();
  for await (const chunk of body) {
    yield* parser.push(decoder.decode(chunk, { stream: true }));
  }
  yield* parser.push(decoder.decode());
}
