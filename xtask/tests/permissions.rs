//! The README's "Who may do what" is the domain's permission table
//! (`stige_domain::capability`), printed. When they differ the test writes the
//! table into the README and fails, so a second run passes and the change shows
//! in the diff.

use std::path::Path;

const START: &str = "<!-- permissions:start -->\n";
const END: &str = "<!-- permissions:end -->";

#[test]
fn the_readme_shows_the_permission_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme
        .find(START)
        .expect("the README marks the table's start")
        + START.len();
    let end = readme[start..]
        .find(END)
        .expect("the README marks the table's end")
        + start;
    let table = stige_domain::capability::table_markdown();
    if readme[start..end] != table {
        let fresh = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, fresh).expect("write README.md");
        panic!("the README's permission table was stale; it is written now: run again");
    }
}
