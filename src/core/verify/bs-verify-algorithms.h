/* bs-verify-algorithms.h — until when is an algorithm or key size
 * reliable? (ETSI TS 119 312, as EU DSS's default validation policy
 * applies it; ETSI EN 319 102-1 5.2.8 and 5.6.2.5.)
 *
 * A weak algorithm is not damage: a signature made with it is acceptable
 * when a proof of existence (a trusted time-stamp) shows that it existed
 * before the algorithm stopped being reliable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

/* One use of an algorithm by the material a signature rests on; all
 * borrowed (the texts are only made when a use fails). */
typedef struct {
  const char      *what;        /* "The signature" (translated, static), or NULL for @cert */
  X509            *cert;        /* the certificate whose signature this is, or NULL */
  int              digest_nid;  /* a digest, or NID_undef */
  EVP_PKEY        *key;         /* a public key, or NULL */
  const ASN1_TIME *produced;    /* the material was made no earlier than this
                                   (a certificate's notBefore), or NULL */
} BsAlgorithmUse;

/* A GArray of BsAlgorithmUse (transfer full). */
GArray  *bs_algorithm_uses_new (void);

/* Checks every use against the time @poe at which the signature is proven
 * to have existed (NULL: no proof, so now). The first use that fails
 * lowers the trust to INDETERMINATE: CRYPTO_CONSTRAINTS_FAILURE when the
 * algorithm is never acceptable or the material is known to have been
 * made after its end, CRYPTO_CONSTRAINTS_FAILURE_NO_POE otherwise.
 * Returns FALSE when one failed. */
gboolean bs_algorithms_judge (BsSignatureReport *r, const BsAlgorithmUse *uses, guint n_uses,
                              GDateTime *poe);

/* Appends the uses of @chain (signer first): each certificate's
 * signature digest with its issuer's key, the trust anchor's own
 * signature excepted. The keys are borrowed from @chain. */
void     bs_algorithms_add_chain (GArray *uses, STACK_OF (X509) *chain);

/* Whether @md is reliable now (a time-stamp's own algorithms). */
gboolean bs_algorithm_digest_reliable_now (const EVP_MD *md);

G_END_DECLS
