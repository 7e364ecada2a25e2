/* bs-signer.h — whoever holds the private key.
 *
 * The signing core never sees a private key: it asks a BsSigner for the
 * certificate chain and for signatures over SHA-256 hashes of signed
 * attributes. A local PKCS#12 file (bs-signer-pkcs12.h) and the BSrE
 * account (src/core/api) are the two implementations; one call signs a
 * whole batch, so one passphrase or OTP covers many documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

#define BS_TYPE_SIGNER (bs_signer_get_type ())
G_DECLARE_INTERFACE (BsSigner, bs_signer, BS, SIGNER, GObject)

struct _BsSignerInterface {
  GTypeInterface parent_iface;

  X509            *(*get_certificate) (BsSigner *self);
  STACK_OF (X509) *(*get_chain)       (BsSigner *self);
  gboolean         (*sign_hashes)     (BsSigner *self, GPtrArray *hashes,
                                       GPtrArray **signatures,
                                       GCancellable *cancellable, GError **error);
};

/* The signer's certificate (transfer none). */
X509            *bs_signer_get_certificate (BsSigner *self);
/* Every certificate from the signer up to the root (transfer none). */
STACK_OF (X509) *bs_signer_get_chain       (BsSigner *self);
/* Signs each GBytes SHA-256 hash of @hashes; on success *@signatures is a
 * GPtrArray of GBytes raw signature values in the same order (transfer
 * full). */
gboolean         bs_signer_sign_hashes     (BsSigner *self, GPtrArray *hashes,
                                            GPtrArray **signatures,
                                            GCancellable *cancellable, GError **error);

/* The signer's display name: the certificate's common name (transfer full). */
char            *bs_signer_dup_name        (BsSigner *self);

/* Refuses certificates that must not sign now: expired, not yet valid, or
 * whose key usage allows neither digitalSignature nor nonRepudiation. */
gboolean         bs_certificate_check_usable (X509 *cert, GError **error);

/* The certificate's subject common name (transfer full). */
char            *bs_certificate_dup_common_name (X509 *cert);

G_END_DECLS
