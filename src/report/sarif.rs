//! SARIF 2.1.0, the format code-scanning dashboards (GitHub, GitLab, Azure
//! DevOps) ingest. Built with the `serde-sarif` types so the field names and
//! nesting follow the schema.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Suppression, Tool,
    ToolComponent, VersionControlDetails,
};

use crate::finding::Finding;
use crate::rules::Rule;

use super::redaction::shown_secret;
use super::{ReportOptions, RepositoryInfo};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base every artifact URI is relative to: the scan root.
const SRCROOT: &str = "%SRCROOT%";
/// Key of our fingerprint in `partialFingerprints`; versioned so a future
/// change of the hash does not silently mismatch old dashboards.
const FINGERPRINT_KEY: &str = "keyhound/v1";

pub(super) fn write(
    findings: &[Finding],
    rules: &[Rule],
    opts: ReportOptions,
    repository: Option<&RepositoryInfo>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let used = used_rules(findings, rules);
    let index: BTreeMap<&str, usize> = used.iter().enumerate().map(|(i, r)| (&*r.id, i)).collect();
    let driver = ToolComponent::builder()
        .name("keyhound")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(used.iter().map(|r| descriptor(r)).collect::<Vec<_>>())
        .build();
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .column_kind(json!("unicodeCodePoints"))
        .results(findings.iter().map(|f| result(f, index[&*f.rule_id], opts)).collect::<Vec<_>>())
        .build();
    run.version_control_provenance = repository.map(|r| {
        let mut details = VersionControlDetails::builder().repository_uri(r.uri.clone()).build();
        details.revision_id = r.revision.clone();
        vec![details]
    });
    let log = Sarif::builder().schema(SCHEMA).version(json!("2.1.0")).runs(vec![run]).build();
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The rules that produced at least one finding, in id order.
fn used_rules<'a>(findings: &[Finding], rules: &'a [Rule]) -> Vec<&'a Rule> {
    let ids: std::collections::BTreeSet<&str> = findings.iter().map(|f| &*f.rule_id).collect();
    let mut used: Vec<&Rule> = rules.iter().filter(|r| ids.contains(&*r.id)).collect();
    used.sort_by(|a, b| a.id.cmp(&b.id));
    used
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let text = |s: String| MultiformatMessageString::builder().text(s).build();
    let help = format!(
        "A {} was found in the source. Revoke it with the provider and replace it with a reference to a secret \
         store or environment variable. If it is a false positive, add `keyhound:allow` on its line.",
        rule.name
    );
    let mut props = BTreeMap::new();
    props.insert("security-severity".to_string(), json!("8.0"));
    props.insert("precision".to_string(), json!(if rule.generic { "medium" } else { "high" }));
    let mut d = ReportingDescriptor::builder()
        .id(rule.id.to_string())
        .name(rule.id.to_string())
        .short_description(text(rule.name.to_string()))
        .full_description(text(rule.description.clone().unwrap_or_else(|| rule.name.to_string())))
        .help(text(help))
        .default_configuration(ReportingConfiguration { level: Some(json!("error")), ..Default::default() })
        .properties(PropertyBag { tags: Some(vec!["security".into(), "secret".into()]), additional_properties: props })
        .build();
    d.help_uri = rule.references.first().cloned();
    d
}

fn result(f: &Finding, rule_index: usize, opts: ReportOptions) -> SarifResult {
    let region = Region {
        start_line: Some(f.line as i64),
        start_column: Some(f.column as i64),
        end_line: Some(f.end_line as i64),
        end_column: Some(f.end_column as i64),
        ..Default::default()
    };
    let location = Location {
        physical_location: Some(PhysicalLocation {
            artifact_location: Some(ArtifactLocation {
                uri: Some(f.origin.relative_uri()),
                uri_base_id: Some(SRCROOT.into()),
                ..Default::default()
            }),
            region: Some(region),
            ..Default::default()
        }),
        ..Default::default()
    };
    let mut partial = BTreeMap::new();
    partial.insert(FINGERPRINT_KEY.to_string(), f.fingerprint.clone());
    let mut result = SarifResult::builder()
        .rule_id(f.rule_id.to_string())
        .rule_index(rule_index as i64)
        .level(ResultLevel::Error)
        .message(Message {
            text: Some(format!("{} found: {}", f.rule_name, shown_secret(f, opts))),
            ..Default::default()
        })
        .locations(vec![location])
        .partial_fingerprints(partial)
        .build();
    result.properties = f.origin.commit().map(commit_properties);
    result.suppressions = f.suppressed.as_ref().map(|why| vec![suppression(why)]);
    result
}

/// The commit a history finding is attributed to, as result properties.
fn commit_properties(c: &crate::finding::Commit) -> PropertyBag {
    let mut props = BTreeMap::new();
    props.insert("commit".to_string(), json!(c.id));
    props.insert("author".to_string(), json!(c.author));
    props.insert("email".to_string(), json!(c.email));
    props.insert("date".to_string(), json!(c.date));
    props.insert("message".to_string(), json!(c.summary));
    PropertyBag { tags: None, additional_properties: props }
}

/// SARIF's own record of a suppressed result: `inSource` for an allow
/// comment, `external` for config, ignore file and baseline.
fn suppression(why: &crate::filter::Suppression) -> Suppression {
    let kind = if matches!(why, crate::filter::Suppression::Inline(_)) { "inSource" } else { "external" };
    Suppression::builder().kind(json!(kind)).justification(format!("suppressed by {why}")).build()
}
