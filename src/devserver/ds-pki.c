/* ds-pki.c — creating and using the development CA with OpenSSL 3.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-pki.h"
#include "bs-error.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>
#include <string.h>

#define KEY_BITS 2048
#define USER_DAYS (2 * 365)
#define CA_DAYS (20 * 365)
/* scrypt cost for the users' keys (RFC 7914): about 50 ms per opening. */
#define SCRYPT_N 16384
#define SCRYPT_R 8
#define SCRYPT_P 1

struct _DsPki {
  X509     *root, *ca, *tsa;
  EVP_PKEY *root_key, *ca_key, *tsa_key;
  char     *base_url;
};

X509 *
ds_pem_to_x509 (const char *pem)
{
  BIO *bio = BIO_new_mem_buf (pem, -1);
  X509 *cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL);

  BIO_free (bio);
  return cert;
}

char *
ds_x509_to_pem (X509 *cert)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;
  char *pem;

  PEM_write_bio_X509 (bio, cert);
  len = BIO_get_mem_data (bio, &data);
  pem = g_strndup (data, (gsize) len);
  BIO_free (bio);
  return pem;
}

GBytes *
ds_x509_to_der (X509 *cert)
{
  unsigned char *der = NULL;
  int len = i2d_X509 (cert, &der);
  GBytes *bytes = g_bytes_new (der, (gsize) MAX (len, 0));

  OPENSSL_free (der);
  return bytes;
}

static char *
key_to_pem (EVP_PKEY *key)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;
  char *pem;

  PEM_write_bio_PrivateKey (bio, key, NULL, NULL, 0, NULL, NULL);
  len = BIO_get_mem_data (bio, &data);
  pem = g_strndup (data, (gsize) len);
  BIO_free (bio);
  return pem;
}

static EVP_PKEY *
pem_to_key (const char *pem)
{
  BIO *bio = BIO_new_mem_buf (pem, -1);
  EVP_PKEY *key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);

  BIO_free (bio);
  return key;
}

static gboolean
add_ext (X509 *cert, X509 *issuer, int nid, const char *value)
{
  X509V3_CTX ctx;
  X509_EXTENSION *ext;
  gboolean ok;

  X509V3_set_ctx (&ctx, issuer, cert, NULL, NULL, 0);
  ext = X509V3_EXT_nconf_nid (NULL, &ctx, nid, value);
  ok = ext != NULL && X509_add_ext (cert, ext, -1);
  X509_EXTENSION_free (ext);
  return ok;
}

static void
set_random_serial (X509 *cert)
{
  BIGNUM *bn = BN_new ();

  BN_rand (bn, 127, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY);
  BN_to_ASN1_INTEGER (bn, X509_get_serialNumber (cert));
  BN_free (bn);
}

static X509_NAME *
make_name (const char *cn, const char *o, const char *email)
{
  X509_NAME *name = X509_NAME_new ();

  X509_NAME_add_entry_by_txt (name, "C", MBSTRING_UTF8, (const unsigned char *) "ID", -1, -1, 0);
  if (o != NULL)
    X509_NAME_add_entry_by_txt (name, "O", MBSTRING_UTF8, (const unsigned char *) o, -1, -1, 0);
  if (email != NULL)
    X509_NAME_add_entry_by_txt (name, "emailAddress", MBSTRING_UTF8, (const unsigned char *) email, -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_UTF8, (const unsigned char *) cn, -1, -1, 0);
  return name;
}

typedef struct {
  const char *cn, *o, *email;
  int         days;
  const char *exts[8][2];   /* { long name, value } */
} CertSpec;

static X509 *
make_cert (const CertSpec *spec, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key)
{
  X509 *cert = X509_new ();
  X509_NAME *name = make_name (spec->cn, spec->o, spec->email);
  gboolean ok = TRUE;

  X509_set_version (cert, 2);
  set_random_serial (cert);
  X509_set_subject_name (cert, name);
  X509_set_issuer_name (cert, issuer ? X509_get_subject_name (issuer) : name);
  X509_gmtime_adj (X509_getm_notBefore (cert), -3600);
  X509_gmtime_adj (X509_getm_notAfter (cert), (long) spec->days * 24 * 3600);
  X509_set_pubkey (cert, key);
  for (int i = 0; i < 8 && spec->exts[i][0] != NULL; i++)
    ok = ok && add_ext (cert, issuer ? issuer : cert, OBJ_ln2nid (spec->exts[i][0]), spec->exts[i][1]);
  X509_NAME_free (name);
  if (!ok || X509_sign (cert, issuer_key ? issuer_key : key, EVP_sha256 ()) <= 0)
    {
      X509_free (cert);
      return NULL;
    }
  return cert;
}

static gboolean
create_ca (DsPki *pki, DsDb *db)
{
  g_autofree char *root_aia = g_strdup_printf ("caIssuers;URI:%s/ca/root.crt", pki->base_url);
  g_autofree char *root_crl = g_strdup_printf ("URI:%s/crl/root.crl", pki->base_url);
  g_autofree char *ca_aia = g_strdup_printf ("caIssuers;URI:%s/ca/ca.crt,OCSP;URI:%s/ocsp", pki->base_url, pki->base_url);
  g_autofree char *ca_crl = g_strdup_printf ("URI:%s/crl/ca.crl", pki->base_url);
  CertSpec root = { "Root CA Indonesia DS G1 (DEV)", "Kementerian Komunikasi dan Informatika (DEV)", NULL, CA_DAYS,
                    { { "X509v3 Basic Constraints", "critical,CA:TRUE" },
                      { "X509v3 Key Usage", "critical,keyCertSign,cRLSign" },
                      { "X509v3 Subject Key Identifier", "hash" } } };
  CertSpec ca = { "BSrE CA DS G1 (DEV)", "Badan Siber dan Sandi Negara (DEV)", NULL, CA_DAYS / 2,
                  { { "X509v3 Basic Constraints", "critical,CA:TRUE,pathlen:0" },
                    { "X509v3 Key Usage", "critical,keyCertSign,cRLSign" },
                    { "X509v3 Subject Key Identifier", "hash" },
                    { "X509v3 Authority Key Identifier", "keyid" },
                    { "Authority Information Access", root_aia },
                    { "X509v3 CRL Distribution Points", root_crl } } };
  CertSpec tsa = { "Timestamp Authority BSrE (DEV)", "Badan Siber dan Sandi Negara (DEV)", NULL, CA_DAYS / 4,
                   { { "X509v3 Basic Constraints", "critical,CA:FALSE" },
                     { "X509v3 Key Usage", "critical,digitalSignature,nonRepudiation" },
                     { "X509v3 Extended Key Usage", "critical,timeStamping" },
                     { "X509v3 Authority Key Identifier", "keyid" },
                     { "Authority Information Access", ca_aia },
                     { "X509v3 CRL Distribution Points", ca_crl } } };

  pki->root_key = EVP_RSA_gen (KEY_BITS);
  pki->ca_key = EVP_RSA_gen (KEY_BITS);
  pki->tsa_key = EVP_RSA_gen (KEY_BITS);
  pki->root = make_cert (&root, pki->root_key, NULL, NULL);
  pki->ca = pki->root ? make_cert (&ca, pki->ca_key, pki->root, pki->root_key) : NULL;
  pki->tsa = pki->ca ? make_cert (&tsa, pki->tsa_key, pki->ca, pki->ca_key) : NULL;
  if (pki->tsa == NULL)
    return FALSE;
  {
    g_autofree char *root_pem = ds_x509_to_pem (pki->root);
    g_autofree char *ca_pem = ds_x509_to_pem (pki->ca);
    g_autofree char *tsa_pem = ds_x509_to_pem (pki->tsa);
    g_autofree char *k1 = key_to_pem (pki->root_key);
    g_autofree char *k2 = key_to_pem (pki->ca_key);
    g_autofree char *k3 = key_to_pem (pki->tsa_key);

    return ds_db_begin (db)
           && ds_db_kv_set (db, "root.crt", root_pem) && ds_db_kv_set (db, "root.key", k1)
           && ds_db_kv_set (db, "ca.crt", ca_pem) && ds_db_kv_set (db, "ca.key", k2)
           && ds_db_kv_set (db, "tsa.crt", tsa_pem) && ds_db_kv_set (db, "tsa.key", k3)
           && ds_db_kv_set (db, "base-url", pki->base_url)
           && ds_db_commit (db);
  }
}

static gboolean
load_ca (DsPki *pki, DsDb *db)
{
  const char *names[6] = { "root.crt", "ca.crt", "tsa.crt", "root.key", "ca.key", "tsa.key" };
  char *pem[6];
  gboolean ok;

  for (int i = 0; i < 6; i++)
    pem[i] = ds_db_kv_get (db, names[i]);
  ok = pem[0] && pem[1] && pem[2] && pem[3] && pem[4] && pem[5];
  if (ok)
    {
      pki->root = ds_pem_to_x509 (pem[0]);
      pki->ca = ds_pem_to_x509 (pem[1]);
      pki->tsa = ds_pem_to_x509 (pem[2]);
      pki->root_key = pem_to_key (pem[3]);
      pki->ca_key = pem_to_key (pem[4]);
      pki->tsa_key = pem_to_key (pem[5]);
      ok = pki->root && pki->ca && pki->tsa && pki->root_key && pki->ca_key && pki->tsa_key;
    }
  for (int i = 0; i < 6; i++)
    {
      if (pem[i] != NULL && i >= 3)
        OPENSSL_cleanse (pem[i], strlen (pem[i]));
      g_free (pem[i]);
    }
  return ok;
}

DsPki *
ds_pki_open (DsDb *db, const char *base_url, GError **error)
{
  DsPki *pki = g_new0 (DsPki, 1);
  g_autofree char *existing = ds_db_kv_get (db, "root.crt");

  pki->base_url = g_strdup (base_url);
  if (existing != NULL ? !load_ca (pki, db) : !create_ca (pki, db))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_CRYPTO, "Cannot %s the development CA",
                   existing ? "load" : "create");
      ds_pki_free (pki);
      return NULL;
    }
  return pki;
}

void
ds_pki_free (DsPki *pki)
{
  if (pki == NULL)
    return;
  X509_free (pki->root);
  X509_free (pki->ca);
  X509_free (pki->tsa);
  EVP_PKEY_free (pki->root_key);
  EVP_PKEY_free (pki->ca_key);
  EVP_PKEY_free (pki->tsa_key);
  g_free (pki->base_url);
  g_free (pki);
}

X509 *ds_pki_root (DsPki *pki) { return pki->root; }
X509 *ds_pki_ca (DsPki *pki) { return pki->ca; }
EVP_PKEY *ds_pki_ca_key (DsPki *pki) { return pki->ca_key; }
X509 *ds_pki_tsa (DsPki *pki) { return pki->tsa; }
EVP_PKEY *ds_pki_tsa_key (DsPki *pki) { return pki->tsa_key; }
const char *ds_pki_base_url (DsPki *pki) { return pki->base_url; }

char *
ds_pki_kek (DsDb *db)
{
  char *kek = ds_db_kv_get (db, "kek");
  guint8 raw[32];

  if (kek != NULL)
    return kek;
  RAND_bytes (raw, sizeof raw);
  kek = g_malloc (sizeof raw * 2 + 1);
  for (gsize i = 0; i < sizeof raw; i++)
    g_snprintf (kek + 2 * i, 3, "%02x", raw[i]);
  OPENSSL_cleanse (raw, sizeof raw);
  ds_db_kv_set (db, "kek", kek);
  return kek;
}

/* PKCS#8 with PBES2 and scrypt (RFC 8018, RFC 7914). */
char *
ds_pki_wrap_key (EVP_PKEY *key, const char *passphrase)
{
  PKCS8_PRIV_KEY_INFO *p8inf = EVP_PKEY2PKCS8 (key);
  X509_ALGOR *pbe = PKCS5_pbe2_set_scrypt (EVP_aes_256_cbc (), NULL, 0, NULL, SCRYPT_N, SCRYPT_R, SCRYPT_P);
  X509_SIG *p8 = p8inf && pbe ? PKCS8_set0_pbe (passphrase, (int) strlen (passphrase), p8inf, pbe) : NULL;
  BIO *bio;
  char *data = NULL;
  long len;
  char *pem = NULL;

  if (p8 == NULL)
    X509_ALGOR_free (pbe);
  PKCS8_PRIV_KEY_INFO_free (p8inf);
  if (p8 == NULL)
    return NULL;
  bio = BIO_new (BIO_s_mem ());
  PEM_write_bio_PKCS8 (bio, p8);
  len = BIO_get_mem_data (bio, &data);
  pem = g_strndup (data, (gsize) len);
  BIO_free (bio);
  X509_SIG_free (p8);
  return pem;
}

EVP_PKEY *
ds_pki_open_key (const char *key_pem, const char *passphrase)
{
  BIO *bio = BIO_new_mem_buf (key_pem, -1);
  X509_SIG *p8 = PEM_read_bio_PKCS8 (bio, NULL, NULL, NULL);
  PKCS8_PRIV_KEY_INFO *p8inf = p8 ? PKCS8_decrypt (p8, passphrase, (int) strlen (passphrase)) : NULL;
  EVP_PKEY *key = p8inf ? EVP_PKCS82PKEY (p8inf) : NULL;

  PKCS8_PRIV_KEY_INFO_free (p8inf);
  X509_SIG_free (p8);
  BIO_free (bio);
  ERR_clear_error ();
  return key;
}

char *
ds_pki_rewrap_key (const char *key_pem, const char *old_passphrase, const char *new_passphrase)
{
  EVP_PKEY *key = ds_pki_open_key (key_pem, old_passphrase);
  char *pem = key ? ds_pki_wrap_key (key, new_passphrase) : NULL;

  EVP_PKEY_free (key);
  return pem;
}

static char *
serial_of (X509 *cert)
{
  BIGNUM *bn = ASN1_INTEGER_to_BN (X509_get0_serialNumber (cert), NULL);
  char *dec = BN_bn2dec (bn);
  char *out = g_strdup (dec);

  OPENSSL_free (dec);
  BN_free (bn);
  return out;
}

gboolean
ds_pki_issue_user (DsPki *pki, const char *name, const char *email, const char *nik,
                   const char *organization, const char *passphrase, const char *kek,
                   DsIssued *out, GError **error)
{
  g_autofree char *aia = g_strdup_printf ("OCSP;URI:%s/ocsp,caIssuers;URI:%s/ca/ca.crt", pki->base_url, pki->base_url);
  g_autofree char *crl = g_strdup_printf ("URI:%s/crl/ca.crl", pki->base_url);
  g_autofree char *san = g_strdup_printf ("email:%s", email);
  CertSpec user = { name, organization, NULL, USER_DAYS,
                    { { "X509v3 Basic Constraints", "critical,CA:FALSE" },
                      { "X509v3 Key Usage", "critical,digitalSignature,nonRepudiation" },
                      { "X509v3 Subject Alternative Name", san },
                      { "X509v3 Authority Key Identifier", "keyid" },
                      { "Authority Information Access", aia },
                      { "X509v3 CRL Distribution Points", crl } } };
  EVP_PKEY *key = EVP_RSA_gen (KEY_BITS);
  X509 *cert = key ? make_cert (&user, key, pki->ca, pki->ca_key) : NULL;

  memset (out, 0, sizeof *out);
  if (cert != NULL)
    {
      out->cert_pem = ds_x509_to_pem (cert);
      out->key_pem = ds_pki_wrap_key (key, passphrase);
      out->kek_pem = ds_pki_wrap_key (key, kek);
      out->serial = serial_of (cert);
    }
  X509_free (cert);
  EVP_PKEY_free (key);
  if (out->key_pem == NULL || out->kek_pem == NULL)
    {
      ds_issued_clear (out);
      g_set_error_literal (error, BS_ERROR, BS_ERROR_CRYPTO, "Cannot issue the certificate");
      return FALSE;
    }
  return TRUE;
}

void
ds_issued_clear (DsIssued *issued)
{
  g_clear_pointer (&issued->cert_pem, g_free);
  g_clear_pointer (&issued->key_pem, g_free);
  g_clear_pointer (&issued->kek_pem, g_free);
  g_clear_pointer (&issued->serial, g_free);
}

static void
add_revoked (X509_CRL *crl, const char *serial, gint64 at, int reason)
{
  X509_REVOKED *r = X509_REVOKED_new ();
  BIGNUM *bn = NULL;
  ASN1_INTEGER *sn;
  ASN1_TIME *when = ASN1_TIME_set (NULL, (time_t) at);
  ASN1_ENUMERATED *code = ASN1_ENUMERATED_new ();

  BN_dec2bn (&bn, serial);
  sn = BN_to_ASN1_INTEGER (bn, NULL);
  X509_REVOKED_set_serialNumber (r, sn);
  X509_REVOKED_set_revocationDate (r, when);
  ASN1_ENUMERATED_set (code, reason);
  X509_REVOKED_add1_ext_i2d (r, NID_crl_reason, code, 0, 0);
  X509_CRL_add0_revoked (crl, r);
  ASN1_ENUMERATED_free (code);
  ASN1_TIME_free (when);
  ASN1_INTEGER_free (sn);
  BN_free (bn);
}

GBytes *
ds_pki_crl (DsPki *pki, DsDb *db, const char *which)
{
  gboolean root = g_strcmp0 (which, "root") == 0;
  X509 *issuer = root ? pki->root : pki->ca;
  X509_CRL *crl = X509_CRL_new ();
  ASN1_TIME *now = ASN1_TIME_set (NULL, time (NULL));
  ASN1_TIME *next = ASN1_TIME_adj (NULL, time (NULL), 7, 0);
  g_autoptr(GPtrArray) rows = NULL;
  unsigned char *der = NULL;
  int len;
  GBytes *out;

  X509_CRL_set_version (crl, 1);
  X509_CRL_set_issuer_name (crl, X509_get_subject_name (issuer));
  X509_CRL_set1_lastUpdate (crl, now);
  X509_CRL_set1_nextUpdate (crl, next);
  if (!root)
    {
      rows = ds_db_rows (db, "SELECT serial, revoked_at, reason FROM certificates WHERE revoked_at IS NOT NULL", NULL);
      for (guint i = 0; i < rows->len; i++)
        {
          char **row = g_ptr_array_index (rows, i);
          add_revoked (crl, row[0], g_ascii_strtoll (row[1], NULL, 10), (int) g_ascii_strtoll (row[2], NULL, 10));
        }
    }
  X509_CRL_sort (crl);
  X509_CRL_sign (crl, root ? pki->root_key : pki->ca_key, EVP_sha256 ());
  len = i2d_X509_CRL (crl, &der);
  out = g_bytes_new (der, (gsize) MAX (len, 0));
  OPENSSL_free (der);
  ASN1_TIME_free (now);
  ASN1_TIME_free (next);
  X509_CRL_free (crl);
  return out;
}
