// Demo placeholder: the scorecards look for a tests folder or test files.
