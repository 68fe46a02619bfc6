declare module 'markdown-it-deflist';
declare module 'markdown-it-abbr';
declare module 'markdown-it-task-lists';
