/* bs-cert-info.c — names, serial, validity, algorithms, key usages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-cert-info.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

static char *
name_text (const X509_NAME *name)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;
  char *text;

  X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  len = BIO_get_mem_data (bio, &data);
  text = g_strndup (data, (gsize) MAX (len, 0));
  BIO_free (bio);
  return text;
}

char *
bs_cert_info_common_name (X509 *cert)
{
  X509_NAME *subject = X509_get_subject_name (cert);
  int i = X509_NAME_get_index_by_NID (subject, NID_commonName, -1);
  unsigned char *utf8 = NULL;
  char *name;

  if (i < 0 || ASN1_STRING_to_UTF8 (&utf8, X509_NAME_ENTRY_get_data (X509_NAME_get_entry (subject, i))) < 0)
    return name_text (subject);
  name = g_utf8_make_valid ((const char *) utf8, -1);
  OPENSSL_free (utf8);
  return name;
}

static char *
serial_decimal (X509 *cert)
{
  BIGNUM *bn = ASN1_INTEGER_to_BN (X509_get0_serialNumber (cert), NULL);
  char *dec = bn ? BN_bn2dec (bn) : NULL;
  char *out = g_strdup (dec ? dec : "0");

  OPENSSL_free (dec);
  BN_free (bn);
  return out;
}

static GDateTime *
to_datetime (const ASN1_TIME *t)
{
  struct tm tm;

  if (t == NULL || !ASN1_TIME_to_tm (t, &tm))
    return NULL;
  return g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                              tm.tm_min, tm.tm_sec);
}

/* "sha256WithRSAEncryption" becomes "RSA with SHA256", as the BSrE
 * service prints it. */
static char *
signature_algorithm (X509 *cert)
{
  int md_nid = NID_undef, pk_nid = NID_undef;
  const char *pk;

  if (!OBJ_find_sigid_algs (X509_get_signature_nid (cert), &md_nid, &pk_nid))
    return g_strdup (OBJ_nid2ln (X509_get_signature_nid (cert)));
  switch (pk_nid)
    {
    case NID_rsaEncryption: pk = "RSA"; break;
    case NID_X9_62_id_ecPublicKey: pk = "ECDSA"; break;
    case NID_rsassaPss: pk = "RSASSA-PSS"; break;
    case NID_dsa: pk = "DSA"; break;
    default: pk = OBJ_nid2sn (pk_nid); break;
    }
  return g_strdup_printf ("%s with %s", pk, md_nid != NID_undef ? OBJ_nid2sn (md_nid) : "?");
}

static char **
key_usages (X509 *cert)
{
  static const struct { uint32_t bit; const char *name; } names[] = {
    { KU_DIGITAL_SIGNATURE, "digitalSignature" }, { KU_NON_REPUDIATION, "nonRepudiation" },
    { KU_KEY_ENCIPHERMENT, "keyEncipherment" }, { KU_DATA_ENCIPHERMENT, "dataEncipherment" },
    { KU_KEY_AGREEMENT, "keyAgreement" }, { KU_KEY_CERT_SIGN, "keyCertSign" },
    { KU_CRL_SIGN, "crlSign" }, { KU_ENCIPHER_ONLY, "encipherOnly" },
    { KU_DECIPHER_ONLY, "decipherOnly" },
  };
  GPtrArray *out = g_ptr_array_new ();
  uint32_t usage = X509_get_key_usage (cert);

  if (X509_get_extension_flags (cert) & EXFLAG_KUSAGE)
    for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
      if (usage & names[i].bit)
        g_ptr_array_add (out, g_strdup (names[i].name));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static char *
fingerprint (X509 *cert)
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  GString *hex = g_string_new (NULL);

  X509_digest (cert, EVP_sha256 (), md, &len);
  for (unsigned int i = 0; i < len; i++)
    g_string_append_printf (hex, "%02x", md[i]);
  return g_string_free (hex, FALSE);
}

BsCertInfo *
bs_cert_info_new (X509 *cert)
{
  BsCertInfo *c = g_new0 (BsCertInfo, 1);

  c->common_name = bs_cert_info_common_name (cert);
  c->subject = name_text (X509_get_subject_name (cert));
  c->issuer = name_text (X509_get_issuer_name (cert));
  c->serial = serial_decimal (cert);
  c->not_before = to_datetime (X509_get0_notBefore (cert));
  c->not_after = to_datetime (X509_get0_notAfter (cert));
  c->signature_algorithm = signature_algorithm (cert);
  c->key_usages = key_usages (cert);
  c->sha256 = fingerprint (cert);
  return c;
}
