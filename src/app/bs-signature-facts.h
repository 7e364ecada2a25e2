/* bs-signature-facts.h — what the window reads of a verification report,
 * each fact as people say it (translated) with how it looks (good, bad,
 * not known). Only this file reads the report's fields: when the report
 * changes shape, the change stays here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify.h"

G_BEGIN_DECLS

typedef enum {
  BS_FACT_GOOD,
  BS_FACT_WARNING,
  BS_FACT_BAD,
  BS_FACT_UNKNOWN,
  BS_FACT_UNDECIDED,   /* ETSI's INDETERMINATE: neither good nor proven bad */
} BsFactState;

typedef struct {
  BsFactState  state;
  char        *text;   /* translated */
} BsFact;

void        bs_fact_clear (BsFact *fact);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BsFact, bs_fact_clear)

/* The banner's sentence for the document, in the user's language. */
const char *bs_report_verdict_sentence (const BsVerifyReport *report);
/* Why the file could not be verified (the parser's words), or NULL. */
const char *bs_report_technical_error (const BsVerifyReport *report);
BsFactState bs_verdict_state (BsVerdict verdict);

/* One signature's facts. */
const char *bs_signature_title       (const BsSignatureReport *sig);     /* the signer, else the field */
const char *bs_signature_field_name  (const BsSignatureReport *sig);
gboolean    bs_signature_is_timestamp (const BsSignatureReport *sig);
/* "Valid", "Changed after signing", … for this signature. */
void        bs_signature_verdict     (const BsSignatureReport *sig, BsFact *out);
/* When, and what proves it (a time-stamp, or only the signer's word). */
void        bs_signature_time        (const BsSignatureReport *sig, BsFact *out);
/* The signed bytes are unchanged and the signature value verifies. */
void        bs_signature_integrity   (const BsSignatureReport *sig, BsFact *out);
/* The signer's certificate chains to a trusted authority. */
void        bs_signature_trust       (const BsSignatureReport *sig, BsFact *out);
void        bs_signature_revocation  (const BsSignatureReport *sig, BsFact *out);
/* Every change after signing, one BsFact each (allowed: good, else bad);
 * none gives one good fact saying so (transfer full, GArray of BsFact). */
GArray     *bs_signature_changes     (const BsSignatureReport *sig);
/* "PAdES B-LT (long-term validation data included)". */
char       *bs_signature_format      (const BsSignatureReport *sig);
const char *bs_signature_reason      (const BsSignatureReport *sig);
const char *bs_signature_location    (const BsSignatureReport *sig);
/* The problems found (translated sentences, transfer none). */
GPtrArray  *bs_signature_problems    (const BsSignatureReport *sig);
/* The signer's chain, signer first (BsCertInfo, transfer none). */
GPtrArray  *bs_signature_chain       (const BsSignatureReport *sig);

/* A certificate's key usage name ("digitalSignature") in people's words. */
const char *bs_key_usage_describe    (const char *usage);
/* "RSA with SHA256" in the user's language (transfer full). */
char       *bs_algorithm_describe    (const char *algorithm);
/* A time as the window shows it: local, with its offset (transfer full). */
char       *bs_time_describe         (GDateTime *time);

G_END_DECLS
