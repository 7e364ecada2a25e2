/* verify-fixtures.h — signed PDFs made by make-cms-fixtures.py (openssl,
 * faketime, asn1crypto, gs, qpdf) and what bs_verify_file() and the
 * independent tools say about them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify.h"

G_BEGIN_DECLS

/* Makes the cases of @groups (NULL-terminated) in a new temporary folder
 * (transfer full); aborts the test program when the tools fail. */
char *vf_make (const char * const *groups);
void  vf_remove (char *dir);

/* bs_verify_file() on @dir/@name.pdf with @dir/root.pem as the anchor. */
BsVerifyReport *vf_verify (const char *dir, const char *name);

/* Asserts signature @index of @name (in signing order): its verdict,
 * integrity, trust, sub-indication (NULL: none) and that one problem
 * contains @problem (NULL: no check). Returns the report (transfer full). */
BsVerifyReport *vf_expect (const char *dir, const char *name, guint index, BsVerdict verdict,
                           BsIntegrity integrity, BsTrust trust, const char *sub_indication,
                           const char *problem);
const BsSignatureReport *vf_signature (const BsVerifyReport *report, guint index);

/* Poppler's pdfsig finds every signature of @name valid. */
gboolean vf_pdfsig_valid (const char *dir, const char *name);
/* `openssl cms -verify` (signature values only, no chain) accepts the
 * last signature of @name; with @cades, also its signing-certificate
 * attribute (the chain is then built to root.pem). */
gboolean vf_openssl_cms_accepts (const char *dir, const char *name, gboolean cades);
/* `openssl pkeyutl`/`dgst` verifies the first SignerInfo's signature
 * value over its signed attributes with @cert's key: the fixture is a
 * genuine signature whatever our verifier says. @md NULL for EdDSA. */
gboolean vf_openssl_signature_verifies (const char *dir, const char *name, const char *cert, const char *md);

G_END_DECLS
