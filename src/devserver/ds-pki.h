/* ds-pki.h — the development CA: a root, an issuing CA, a time-stamp
 * authority, user certificates with encrypted keys, and CRLs.
 *
 * Everything is marked "(DEV)": these certificates must never be trusted
 * outside a developer's machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-db.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

typedef struct _DsPki DsPki;

/* Loads the CA from @db, creating it on first start; URLs in the
 * certificates point at @base_url. */
DsPki    *ds_pki_open (DsDb *db, const char *base_url, GError **error);
void      ds_pki_free (DsPki *pki);

X509     *ds_pki_root     (DsPki *pki);   /* transfer none */
X509     *ds_pki_ca       (DsPki *pki);
EVP_PKEY *ds_pki_ca_key   (DsPki *pki);
X509     *ds_pki_tsa      (DsPki *pki);
EVP_PKEY *ds_pki_tsa_key  (DsPki *pki);
const char *ds_pki_base_url (DsPki *pki);

typedef struct {
  char *cert_pem;
  char *key_pem;   /* PKCS#8, PBES2 with scrypt, under the passphrase */
  char *kek_pem;   /* the same under the server's key-encryption key */
  char *serial;    /* decimal */
} DsIssued;

gboolean  ds_pki_issue_user (DsPki *pki, const char *name, const char *email, const char *nik,
                             const char *organization, const char *passphrase, const char *kek,
                             DsIssued *out, GError **error);
void      ds_issued_clear   (DsIssued *issued);

/* The server's key-encryption key (hex), created once. It opens a user's
 * key only after the user proved the official mailbox with an e-mailed
 * OTP or reset link, never on its own (transfer full). */
char     *ds_pki_kek (DsDb *db);
/* @key as PKCS#8 PBES2/scrypt PEM under @passphrase (transfer full). */
char     *ds_pki_wrap_key (EVP_PKEY *key, const char *passphrase);

/* The user's private key, or NULL when @passphrase is wrong. */
EVP_PKEY *ds_pki_open_key   (const char *key_pem, const char *passphrase);
/* The same key under a new passphrase (transfer full), or NULL. */
char     *ds_pki_rewrap_key (const char *key_pem, const char *old_passphrase,
                             const char *new_passphrase);

/* DER CRL of "root" (revoked CAs) or "ca" (revoked users) (transfer full). */
GBytes   *ds_pki_crl (DsPki *pki, DsDb *db, const char *which);

X509     *ds_pem_to_x509 (const char *pem);
char     *ds_x509_to_pem (X509 *cert);
GBytes   *ds_x509_to_der (X509 *cert);

G_END_DECLS
