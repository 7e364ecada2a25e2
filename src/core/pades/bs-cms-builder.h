/* bs-cms-builder.h — a CAdES-detached CMS SignedData, signed elsewhere.
 *
 * The builder prepares the signed attributes (content-type, message-digest,
 * signing-certificate-v2) for a document digest, hands their DER encoding
 * out to be signed by any BsSigner (a local key or the BSrE service, which
 * only ever sees the hash), and assembles the SignedData with the returned
 * signature value and the certificate chain (RFC 5652, ETSI EN 319 122-1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

typedef struct _BsCmsBuilder BsCmsBuilder;

/* @signer and @chain are borrowed and must outlive the builder; @digest is
 * the SHA-256 of the ByteRange data. */
BsCmsBuilder *bs_cms_builder_new  (X509 *signer, STACK_OF (X509) *chain,
                                   const guint8 digest[32], GError **error);
void          bs_cms_builder_free (BsCmsBuilder *builder);

/* SHA-256 of the DER of the signed attributes: what the signer signs
 * (transfer full). */
GBytes       *bs_cms_builder_dup_hash_to_sign (BsCmsBuilder *builder);

/* The raw signature value (RSA PKCS#1 v1.5 or DER ECDSA-Sig-Value). It is
 * checked against the signer's public key before it is accepted. */
gboolean      bs_cms_builder_set_signature (BsCmsBuilder *builder, GBytes *signature,
                                            GError **error);

/* Adds an unsigned attribute, e.g. the RFC 3161 signature time-stamp. */
gboolean      bs_cms_builder_add_unsigned (BsCmsBuilder *builder, int nid,
                                           GBytes *der_value, GError **error);

/* The signature value set above (transfer none, valid until freed). */
GBytes       *bs_cms_builder_get_signature (BsCmsBuilder *builder);

/* DER ContentInfo (transfer full). */
GBytes       *bs_cms_builder_finish (BsCmsBuilder *builder, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsCmsBuilder, bs_cms_builder_free)

G_END_DECLS
