/* ds-tls.c — a self-signed loopback certificate for --tls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-tls.h"

#include <glib/gstdio.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

/* Written 0600 from the start: never readable by others, whatever the umask. */
static gboolean
write_pem (const char *path, X509 *cert, EVP_PKEY *key)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;
  gboolean ok = cert ? PEM_write_bio_X509 (bio, cert) : PEM_write_bio_PrivateKey (bio, key, NULL, NULL, 0, NULL, NULL);

  len = BIO_get_mem_data (bio, &data);
  ok = ok && g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
  if (data != NULL)
    OPENSSL_cleanse (data, (size_t) len);
  BIO_free (bio);
  return ok;
}

static gboolean
create (const char *crt, const char *key_path)
{
  EVP_PKEY *key = EVP_RSA_gen (2048);
  X509 *cert = X509_new ();
  X509_NAME *name = X509_NAME_new ();
  X509V3_CTX ctx;
  X509_EXTENSION *san;
  gboolean ok;

  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_UTF8, (const unsigned char *) "besign-devserver (DEV) localhost", -1, -1, 0);
  X509_set_version (cert, 2);
  ASN1_INTEGER_set (X509_get_serialNumber (cert), (long) g_random_int ());
  X509_set_subject_name (cert, name);
  X509_set_issuer_name (cert, name);
  X509_gmtime_adj (X509_getm_notBefore (cert), -3600);
  X509_gmtime_adj (X509_getm_notAfter (cert), 3650L * 24 * 3600);
  X509_set_pubkey (cert, key);
  X509V3_set_ctx (&ctx, cert, cert, NULL, NULL, 0);
  san = X509V3_EXT_nconf_nid (NULL, &ctx, NID_subject_alt_name, "IP:127.0.0.1,IP:::1,DNS:localhost");
  X509_add_ext (cert, san, -1);
  X509_EXTENSION_free (san);
  ok = X509_sign (cert, key, EVP_sha256 ()) > 0 && write_pem (crt, cert, NULL) && write_pem (key_path, NULL, key);
  X509_NAME_free (name);
  X509_free (cert);
  EVP_PKEY_free (key);
  return ok;
}

GTlsCertificate *
ds_tls_certificate (const char *data_dir, GError **error)
{
  g_autofree char *crt = g_build_filename (data_dir, "tls.crt", NULL);
  g_autofree char *key = g_build_filename (data_dir, "tls.key", NULL);

  if (!g_file_test (crt, G_FILE_TEST_EXISTS) && !create (crt, key))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot create the TLS certificate");
      return NULL;
    }
  return g_tls_certificate_new_from_files (crt, key, error);
}
