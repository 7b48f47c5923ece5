//! `keyhound hook install`: a plain git pre-commit hook for people who do
//! not use the pre-commit framework (which uses .pre-commit-hooks.yaml).

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::app::Outcome;
use crate::source::git;

/// First line after the shebang of every hook keyhound writes; lets a later
/// install recognise (and replace) its own hook.
const MARKER: &str = "# keyhound pre-commit hook";

/// Writes `<hooks dir>/pre-commit`. An existing hook that keyhound did not
/// write is kept unless `force`.
pub fn install(repo: Option<&Path>, force: bool) -> Result<Outcome> {
    let repo = git::open(repo)?;
    let hooks = repo.path().join("hooks");
    let path = hooks.join("pre-commit");
    if let Ok(existing) = std::fs::read_to_string(&path)
        && !existing.contains(MARKER)
        && !force
    {
        bail!(
            "{} already exists and was not written by keyhound; keep it and call `keyhound git --staged` \
             from it, or replace it with `keyhound hook install --force`",
            path.display()
        );
    }
    let exe = std::env::current_exe().context("cannot find the keyhound executable")?;
    let script = format!(
        "#!/bin/sh\n{MARKER} (written by `keyhound hook install`)\n\
         # Blocks a commit that adds a secret. Bypass once with: git commit --no-verify\n\
         KEYHOUND=\"${{KEYHOUND:-$(command -v keyhound || echo '{}')}}\"\n\
         exec \"$KEYHOUND\" git --staged --no-progress\n",
        exe.display().to_string().replace('\'', "'\\''")
    );
    std::fs::create_dir_all(&hooks).with_context(|| format!("cannot create {}", hooks.display()))?;
    std::fs::write(&path, script).with_context(|| format!("cannot write {}", path.display()))?;
    set_executable(&path)?;
    eprintln!("keyhound: installed {}", path.display());
    Ok(Outcome::Clean)
}

#[cfg(unix)]
fn set_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("cannot make {} executable", path.display()))
}

#[cfg(not(unix))]
fn set_executable(_: &Path) -> Result<()> {
    Ok(())
}
