/* bs-verify.h — verifying every signature of a PDF, offline.
 *
 * For every signature field (found in every revision, not only through
 * the final catalog): the byte range, the CMS signature and its chain at
 * the signing time, and what each later revision changed. The document's
 * verdict is the worst of its signatures' (DESIGN.md §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-byte-range.h"
#include "bs-secret.h"
#include "bs-revision-diff.h"
#include "bs-signature-fields.h"

G_BEGIN_DECLS

/* A signature's verdict, or a document's (UNSIGNED and ERROR are document
 * verdicts). The values are besign-cli's exit statuses and stay as they
 * were released; INDETERMINATE (ETSI EN 319 102-1: cannot be decided)
 * came later, so "worse than" is bs_verdict_worst(), not the number. */
typedef enum {
  BS_VERDICT_VALID = 0,
  BS_VERDICT_UNTRUSTED = 1,
  BS_VERDICT_MODIFIED = 2,
  BS_VERDICT_INVALID = 3,
  BS_VERDICT_UNSIGNED = 4,
  BS_VERDICT_ERROR = 5,
  BS_VERDICT_INDETERMINATE = 6,
} BsVerdict;

/* What the cryptographic check proved about the signed bytes. */
typedef enum {
  BS_INTEGRITY_NOT_CHECKED = 0, /* the check did not get that far */
  BS_INTEGRITY_INTACT,          /* digest and signature value verify */
  BS_INTEGRITY_BROKEN,          /* proven broken: digest, signature value, malformed CMS */
  BS_INTEGRITY_UNKNOWN,         /* cannot be checked: unsupported algorithm, no signer certificate */
} BsIntegrity;

/* What is known about the signer's certificate at the signing time. */
typedef enum {
  BS_TRUST_NOT_CHECKED = 0,
  BS_TRUST_TRUSTED,        /* chain to an anchor, usable, not revoked */
  BS_TRUST_UNTRUSTED,      /* no chain to any trust anchor */
  BS_TRUST_INDETERMINATE,  /* cannot be decided: revocation unknown, time not proven, weak algorithm without POE */
  BS_TRUST_REVOKED,        /* revoked before the signing time, or with nothing to prove that time */
} BsTrust;

typedef struct {
  char     **trust_paths;    /* PEM/DER files or folders of anchors, or NULL */
  gboolean   online;         /* fetch OCSP/CRL over HTTP */
  const char *online_ca_file; /* an extra anchor for HTTPS revocation servers (a private CA), or NULL */
  const BsSecret *pdf_password;  /* opens a password-protected PDF, or NULL */
} BsVerifyOptions;

/* One certificate of a signer's chain, as shown to people. */
typedef struct {
  char       *common_name;
  char       *subject;          /* RFC 2253 */
  char       *issuer;           /* RFC 2253 */
  char       *serial;           /* decimal */
  GDateTime  *not_before;
  GDateTime  *not_after;
  char       *signature_algorithm;  /* "RSA with SHA256" */
  char      **key_usages;       /* "digitalSignature", … */
  char       *sha256;           /* hex fingerprint of the DER */
} BsCertInfo;

/* One SignerInfo of a CMS that holds several (RFC 5652 5.1 allows any
 * number; ISO 32000 signers write one). Each is judged on its own: digest,
 * signature value, signing-certificate attribute, time-stamp, chain and
 * revocation. */
typedef struct {
  char        *signer_name;     /* or NULL when its certificate is missing */
  BsIntegrity  integrity;
  BsTrust      trust;
  char        *indication;      /* ETSI EN 319 102-1 */
  char        *sub_indication;  /* or NULL */
  char        *problem;         /* its first problem (translated), or NULL */
} BsSignerOutcome;

typedef struct {
  BsSigField        *field;           /* as found (owned) */
  gboolean           in_final_form;   /* still a field of the document now */
  gboolean           doc_timestamp;   /* an RFC 3161 document time-stamp */
  BsByteRangeStatus  byte_range;
  int                revision;        /* index of the revision it signs, or -1 */
  gboolean           whole_document;  /* it signs the file as it is now */
  /* What the cryptographic check found. */
  BsIntegrity        integrity;
  BsTrust            trust;
  char              *signer_name;
  GDateTime         *signing_time;
  gboolean           time_from_timestamp; /* else the claimed /M */
  char              *digest_algorithm;
  char              *signature_algorithm;
  char              *format;          /* "PAdES-BASELINE-B", "PKCS7-B", "PDF-NOT-ETSI" */
  gboolean           ltv;
  char              *timestamp_authority;
  GDateTime         *timestamp_time;
  char              *revocation;      /* a sentence, or NULL when not checked */
  char              *indication;      /* ETSI/DSS: TOTAL_PASSED, INDETERMINATE, TOTAL_FAILED */
  char              *sub_indication;  /* or NULL */
  GPtrArray         *certificates;    /* BsCertInfo, signer first */
  GPtrArray         *changes;         /* BsChange made after it */
  GPtrArray         *problems;        /* sentences (translated) */
  /* A CMS with more than one SignerInfo: every one's outcome, in CMS
   * order (else empty). The fields above then describe the first signer
   * that is intact and trusted (else the first intact one, else the
   * first), except that integrity is BROKEN when any SignerInfo is: a
   * forged co-signature is damage to the signature, not a detail. */
  GPtrArray         *signers;         /* BsSignerOutcome */
  BsVerdict          verdict;
} BsSignatureReport;

typedef struct {
  char      *path;
  BsVerdict  verdict;
  char      *error;          /* why, for BS_VERDICT_ERROR */
  gboolean   repaired;       /* the file needed xref reconstruction */
  GPtrArray *signatures;     /* BsSignatureReport, in signing order */
  GPtrArray *empty_fields;   /* names of signature fields without a value */
} BsVerifyReport;

/* Never fails for a bad file (that is an ERROR verdict); only
 * cancellation returns NULL with @error set. */
BsVerifyReport *bs_verify_file (const char *path, const BsVerifyOptions *options,
                                GCancellable *cancellable, GError **error);
void            bs_verify_report_free (BsVerifyReport *report);
/* Frees what verification keeps per thread (OpenSSL's error state): for
 * worker threads that go idle in a pool rather than exit. */
void            bs_verify_thread_done (void);

/* Takes ownership of @field. */
BsSignatureReport *bs_signature_report_new (BsSigField *field);
void            bs_signature_report_free (BsSignatureReport *report);
void            bs_cert_info_free (BsCertInfo *info);
void            bs_signer_outcome_free (BsSignerOutcome *outcome);

/* "VALID", "UNTRUSTED", … */
const char     *bs_verdict_name (BsVerdict verdict);
/* The worse of @a and @b: VALID < UNTRUSTED < INDETERMINATE < MODIFIED <
 * INVALID < UNSIGNED < ERROR. */
BsVerdict       bs_verdict_worst (BsVerdict a, BsVerdict b);
/* "INTACT", "BROKEN", "UNKNOWN", "NOT_CHECKED" / "TRUSTED", "UNTRUSTED",
 * "INDETERMINATE", "REVOKED", "NOT_CHECKED": for JSON. */
const char     *bs_integrity_name (BsIntegrity integrity);
const char     *bs_trust_name (BsTrust trust);
/* The service's Indonesian sentence (DESIGN.md §3), the same in every
 * locale because integrations compare it. */
const char     *bs_verdict_text_id (BsVerdict verdict);
/* The sentence in the user's language. */
const char     *bs_verdict_describe (BsVerdict verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsVerifyReport, bs_verify_report_free)

G_END_DECLS
