//! Identifiers that name a credential without being one. An AWS access key id signs nothing:
//! requests need its secret access key too, and a presigned URL carries the id
//! (`X-Amz-Credential=AKIA…/20240101/us-east-1/s3/aws4_request`) by design. Such a finding is
//! a leak only when its secret half is found beside it, in the same file; alone it is an info.

use super::dev_credentials;
use crate::finding::Finding;

/// Rules whose match is an identifier, each with the rules that find its secret half.
const PAIRS: &[(&str, &[&str])] = &[
    ("aws-access-key-id", &["aws-secret-access-key", "aws-session-token", "generic-secret"]),
    ("alibaba-access-key-id", &["alibaba-access-key-secret", "generic-secret"]),
];

/// Lowers each identifier finding of one file whose secret half is not among `findings`.
pub fn lower_lone_identifiers(findings: &mut [Finding]) {
    for (id_rule, secret_rules) in PAIRS {
        let paired = findings.iter().any(|f| secret_rules.contains(&f.rule_id.as_str()));
        if paired {
            continue;
        }
        for f in findings.iter_mut().filter(|f| f.rule_id == *id_rule) {
            dev_credentials::at_most_info(
                f,
                "an identifier alone: it names a credential, and without its secret (not in this file) it grants nothing",
            );
        }
    }
}
