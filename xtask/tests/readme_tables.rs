//! Tables in the README that are printed from the code: the permission table
//! ("Who may do what", `stige_domain::capability`) and the problem codes
//! ("Using the API", `stige_domain::message_code`). When one differs the test
//! writes it into the README and fails, so a second run passes and the change
//! shows in the diff.

use std::path::Path;

/// Checks the README's part between `<!-- {name}:start -->` and its end
/// marker against `table`, writing it when stale (and saying so).
fn check(name: &str, table: &str) -> Result<(), String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&path).map_err(|e| format!("README.md: {e}"))?;
    let start_marker = format!("<!-- {name}:start -->\n");
    let end_marker = format!("<!-- {name}:end -->");
    let start = readme
        .find(&start_marker)
        .ok_or(format!("the README marks no start of {name}"))?
        + start_marker.len();
    let end = readme[start..]
        .find(&end_marker)
        .ok_or(format!("the README marks no end of {name}"))?
        + start;
    if readme[start..end] != *table {
        let fresh = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, fresh).map_err(|e| format!("writing README.md: {e}"))?;
        return Err(format!(
            "the README's {name} table was stale; it is written now: run again"
        ));
    }
    Ok(())
}

#[test]
fn the_readme_shows_the_permission_table() {
    assert_eq!(
        check("permissions", &stige_domain::capability::table_markdown()),
        Ok(())
    );
}

#[test]
fn the_readme_lists_every_problem_code() {
    assert_eq!(
        check(
            "problem-codes",
            &stige_domain::message_code::table_markdown()
        ),
        Ok(())
    );
}
