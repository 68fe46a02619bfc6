import { within } from '@testing-library/react';

function tableOf(element: HTMLElement): HTMLTableElement {
  const table = element.closest('table');
  if (!table) {
    throw new Error(`${element.outerHTML} is not inside a table`);
  }
  return table;
}

function headersOf(table: HTMLTableElement): string[] {
  return within(table)
    .getAllByRole('columnheader')
    .map(th => th.textContent?.trim() ?? '');
}

function cellsOf(row: HTMLElement, headers: string[]): Record<string, string> {
  const cells = within(row).getAllByRole('cell');
  if (cells.length !== headers.length) {
    throw new Error(
      `A row has ${cells.length} cells but its table has ${
        headers.length
      } column headers (${headers.join(', ')})`,
    );
  }
  return Object.fromEntries(
    headers.map((header, i) => [header, cells[i].textContent?.trim() ?? '']),
  );
}

/**
 * The cells of the table row that holds `element`, keyed by their column
 * headers, so that a test reads each cell instead of matching a whole row.
 */
export function rowCells(element: HTMLElement): Record<string, string> {
  const row = element.closest('tr');
  if (!row) {
    throw new Error(`${element.outerHTML} is not inside a table row`);
  }
  return cellsOf(row, headersOf(tableOf(row)));
}

/**
 * Every body row of the table that holds `element`, in the order shown, each
 * as its cells keyed by their column headers.
 */
export function tableRows(element: HTMLElement): Record<string, string>[] {
  const table = tableOf(element);
  const headers = headersOf(table);
  return Array.from(table.tBodies)
    .flatMap(body => Array.from(body.rows))
    .map(row => cellsOf(row, headers));
}
