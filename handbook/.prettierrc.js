// Greenroom's Prettier config, except that code blocks in the pages are left
// alone: a block's `--8<-- "file"` include line is not code to format.
module.exports = {
  ...require('@backstage/cli/config/prettier.json'),
  overrides: [
    { files: '*.md', options: { embeddedLanguageFormatting: 'off' } },
  ],
};
