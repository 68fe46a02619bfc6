import { EventStreamParser, readEventStream } from './eventStream';

async function readAll(chunks: Array<string | Uint8Array>) {
  const encoder = new TextEncoder();
  async function* body() {
    for (const c of chunks) yield typeof c === 'string' ? encoder.encode(c) : c;
  }
  const events = [];
  for await (const event of readEventStream(body())) events.push(event);
  return events;
}

/** The stream cut into chunks at every position, each cut fed separately. */
function atEverySplit(stream: string) {
  return Array.from({ length: stream.length + 1 }, (_, i) => {
    const parser = new EventStreamParser();
    return [
      ...parser.push(stream.slice(0, i)),
      ...parser.push(stream.slice(i)),
    ];
  });
}

describe('readEventStream', () => {
  // What TechDocs' /sync writes: `event: <type>\ndata: <JSON>\n\n` per event.
  const techdocs =
    'event: log\ndata: "INFO Built 2 pages"\n\nevent: finish\ndata: {"updated":true}\n\n';

  it('reads the events TechDocs writes, in order', async () => {
    expect(await readAll([techdocs])).toEqual([
      { event: 'log', data: '"INFO Built 2 pages"' },
      { event: 'finish', data: '{"updated":true}' },
    ]);
  });

  it('reads the same events wherever the chunks split the stream', () => {
    const whole = new EventStreamParser().push(techdocs);
    for (const events of atEverySplit(techdocs)) expect(events).toEqual(whole);
  });

  it('ends lines at \\r\\n and \\r as well as \\n, also when a chunk ends between \\r and \\n', () => {
    const crlf = 'event: error\r\ndata: "failed"\r\n\r\n';
    for (const events of atEverySplit(crlf)) {
      expect(events).toEqual([{ event: 'error', data: '"failed"' }]);
    }
    expect(new EventStreamParser().push('event: a\rdata: 1\r\r')).toEqual([
      { event: 'a', data: '1' },
    ]);
  });

  it('joins the data lines of an event with \\n, skips comments and keeps other spaces', async () => {
    expect(
      await readAll([
        ': keep-alive\n\n',
        'event: error\ndata: first line\n: a comment in between\ndata:second\ndata:  indented\n\n',
      ]),
    ).toEqual([{ event: 'error', data: 'first line\nsecond\n indented' }]);
  });

  it('names an event without an event field "message", and dispatches no event without data', async () => {
    expect(
      await readAll(['event: finish\n\n', 'data: hello\n\n', 'data\n\n']),
    ).toEqual([
      { event: 'message', data: 'hello' },
      { event: 'message', data: '' },
    ]);
  });

  it('decodes UTF-8 characters split across chunks, and drops a byte order mark', async () => {
    const bytes = new TextEncoder().encode(
      '\uFEFFevent: log\ndata: "déjà"\n\n',
    );
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of é
    expect(await readAll([bytes.slice(0, cut), bytes.slice(cut)])).toEqual([
      { event: 'log', data: '"déjà"' },
    ]);
  });

  it('drops an event that the stream ends without closing', async () => {
    expect(
      await readAll(['event: log\ndata: 1\n\n', 'event: finish\ndata: {}']),
    ).toEqual([{ event: 'log', data: '1' }]);
  });
});
