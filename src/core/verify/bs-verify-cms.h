/* bs-verify-cms.h — one CMS SignerInfo of a PDF signature: its shape, its
 * algorithms and its signature value (RFC 5652, RFC 8419, BSI TR-03111,
 * ISO 32000-1 12.8.3.3, ETSI EN 319 142-1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify.h"

#include <gio/gio.h>
#include <openssl/cms.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

/* What the SignerInfo signs: the byte ranges of the PDF, or (for
 * adbe.pkcs7.sha1) the SHA-1 digest of them carried as eContent. */
typedef struct {
  int           fd;
  const gint64 *byte_range;
  GBytes       *econtent;       /* or NULL */
} BsCmsContent;

/* A SignerInfo with its algorithms resolved. */
typedef struct {
  CMS_SignerInfo *si;
  X509           *cert;         /* borrowed from the CMS */
  EVP_PKEY       *key;          /* borrowed from @cert */
  const EVP_MD   *md;           /* digestAlgorithm */
  int             md_nid;
  gsize           md_len;       /* output length (an XOF's comes from its identifier) */
  X509_ALGOR     *verify_alg;   /* the signature algorithm to verify with (owned) */
  gboolean        plain_ecdsa;  /* BSI TR-03111 r||s signature value */
  gboolean        eddsa;        /* Ed25519 / Ed448 (RFC 8419) */
  GBytes         *signature;    /* the signature value as received */
} BsCmsSigner;

/* SignedData with at least one SignerInfo, and eContent only where the
 * sub-filter wants it: absent for detached signatures, the document's
 * SHA-1 digest for adbe.pkcs7.sha1 (then checked against the byte ranges
 * and returned in @content->econtent). FALSE after reporting why. */
gboolean bs_cms_check_shape (BsSignatureReport *r, CMS_ContentInfo *cms, BsCmsContent *content,
                             GCancellable *cancellable);

/* Finds @si's certificate (the CMS's own, or those already attached) and
 * checks that its digest and signature algorithms are known and agree
 * with each other and with the key. FALSE after reporting why: UNKNOWN for
 * what cannot be checked, BROKEN for what the standards forbid. */
gboolean bs_cms_signer_resolve (BsSignatureReport *r, CMS_SignerInfo *si, BsCmsSigner *signer);
void     bs_cms_signer_clear (BsCmsSigner *signer);

/* Checks the message digest and the signature value — over the DER of
 * the signed attributes, or over the content when there are none. Sets
 * the integrity to INTACT, or reports why not. */
gboolean bs_cms_verify_signer (BsSignatureReport *r, const BsCmsContent *content, BsCmsSigner *signer,
                               GCancellable *cancellable);

G_END_DECLS
