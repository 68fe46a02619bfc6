import { parseFenceInfo } from './fenceOptions';

describe('parseFenceInfo', () => {
  it('reads a language and quoted options', () => {
    expect(
      parseFenceInfo('py title="a.py" linenums="1" hl_lines="2 3-5"'),
    ).toEqual({
      lang: 'py',
      classes: [],
      title: 'a.py',
      linenums: { start: 1, step: 1, special: -1 },
      hlLines: [
        [2, 2],
        [3, 5],
      ],
      data: [],
      rejected: [],
    });
  });

  it('reads options with no language, and a language written as a class', () => {
    expect(parseFenceInfo('title="Emoji"')).toMatchObject({
      lang: '',
      title: 'Emoji',
    });
    expect(parseFenceInfo(".python title='x'")).toMatchObject({
      lang: 'python',
      title: 'x',
    });
  });

  it('reads an attribute list: the first class is the language', () => {
    expect(
      parseFenceInfo('{ .yaml .no-copy #id linenums="2 2 3" data-x="1" }'),
    ).toEqual({
      lang: 'yaml',
      classes: ['no-copy'],
      id: 'id',
      linenums: { start: 2, step: 2, special: 3 },
      hlLines: [],
      data: [['data-x', '1']],
      rejected: [],
    });
  });

  it('rejects what pymdownx would not accept', () => {
    expect(parseFenceInfo('js foo="bar"').rejected).toEqual(['foo="bar"']);
    expect(parseFenceInfo('py hl_lines="a"').rejected).toEqual([
      'hl_lines="a"',
    ]);
    expect(parseFenceInfo('py title=x.py').rejected).toEqual(['title=x.py']);
    expect(parseFenceInfo('{ .py onclick="x" }')).toMatchObject({
      data: [],
      rejected: ['onclick="x"'],
    });
  });
});
