/* bs-verify-timestamp.h — RFC 3161 time-stamp tokens: a signature's own
 * (ETSI EN 319 122-1 5.3, over its signature value) and document
 * time-stamps (ETSI EN 319 142-1 5.4.3, over the byte ranges).
 *
 * A token proves a time (a proof of existence, EN 319 102-1 5.6.2) only
 * when it verifies and its authority is a trusted, time-stamping-only
 * certificate (RFC 3161 2.3) using reliable algorithms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify-crypto-private.h"

#include <openssl/cms.h>

G_BEGIN_DECLS

typedef enum {
  BS_TIMESTAMP_NONE,      /* no token */
  BS_TIMESTAMP_FAILED,    /* it does not verify: forged or damaged */
  BS_TIMESTAMP_UNKNOWN,   /* it cannot be checked (authority's certificate missing, unknown digest) */
  BS_TIMESTAMP_UNPROVEN,  /* it verifies, but its authority proves nothing */
  BS_TIMESTAMP_PROVEN,    /* its time is a proof of existence */
} BsTimestampStatus;

typedef struct {
  BsTimestampStatus status;
  GDateTime        *time;            /* genTime, once the token verifies */
  char             *authority;       /* the authority's name, or NULL */
  X509             *tsa;             /* its certificate (owned), or NULL */
  BsTrust           trust;           /* UNPROVEN: UNTRUSTED or INDETERMINATE */
  const char       *sub_indication;  /* ETSI, when not PROVEN */
  const char       *problem;         /* why not PROVEN (translated, static), or NULL */
} BsTimestampCheck;

/* The signature time-stamps among @si's unsigned attributes; their
 * imprint covers @signature_value. The best wins: the earliest proven
 * one, else a failed one, else the first. */
void bs_timestamp_check_signature (BsVerifyCrypto *c, CMS_SignerInfo *si, GBytes *signature_value,
                                   BsTimestampCheck *check);
/* A document time-stamp (/SubFilter /ETSI.RFC3161): fills @r as the
 * report of that time-stamp. */
void bs_timestamp_check_document (BsVerifyCrypto *c, BsSignatureReport *r, int fd, GCancellable *cancellable);
void bs_timestamp_check_clear (BsTimestampCheck *check);

G_END_DECLS
