// Shared step of the browser tests: filter the participant list by status and
// wait until the filtered rows are the ones shown. The list first shows every
// status and re-renders when the filtered page arrives; a click in between lands
// on whichever row has moved under the pointer.
export async function filterByStatus(page, status) {
  await page.getByTestId("filter-status").selectOption(status);
  await page.waitForFunction((wanted) => {
    const rows = [...document.querySelectorAll('[data-testid="participant-row"]')];
    return rows.length > 0 && rows.every((r) => r.dataset.status === wanted);
  }, status);
}
