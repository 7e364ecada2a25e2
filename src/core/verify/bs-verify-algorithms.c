/* bs-verify-algorithms.c — the cryptographic constraints of signature
 * validation: which digests and key sizes are acceptable, and until when.
 *
 * The dates are those of the EU DSS default validation policy (esig/dss,
 * dss-policy-jaxb/src/main/resources/policy/constraint.xml,
 * <AlgoExpirationDate Format="yyyy" UpdateDate="2022" LevelAfterUpdate="WARN">),
 * which takes them from ETSI TS 102 176-1 V2.0.0/V2.1.1 (historical) and
 * ETSI TS 119 312 V1.1.1/V1.4.2 — BSrE's own verification service runs DSS:
 *   MD5 2005, SHA-1 2009, RIPEMD-160 2011, WHIRLPOOL 2015;
 *   RSA 1024 bits 2009, 1536 bits 2016; DSA 1024 bits 2013;
 *   ECDSA 160 and 192 bits 2013, 224 bits 2016;
 *   below RSA/DSA 1024 and ECDSA 160 bits nothing is acceptable, nor MD2.
 * Later dates in that policy (SHA-224 and RSA 1900 bits 2026, SHA-256 and
 * RSA 3000 bits 2029) come after its UpdateDate and only warn there; they
 * are not enforced here either. ETSI TS 119 312 V2.1.1 annex D suggests
 * later ends for some (SHA-1 2012-08, RSA 1024 2019-10); DSS's are kept
 * so that both verifiers agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-verify-algorithms.h"
#include "bs-cert-info.h"
#include "bs-verify-crypto-private.h"

#include <glib/gi18n-lib.h>
#include <openssl/objects.h>

typedef struct {
  gboolean rejected;   /* never acceptable */
  int      until;      /* reliable before 1 January of this year, or 0 */
} Limit;

static Limit
digest_limit (int nid)
{
  switch (nid)
    {
    case NID_md2:
    case NID_md4:
      return (Limit) { TRUE, 0 };
    case NID_md5: return (Limit) { FALSE, 2005 };
    case NID_sha1: return (Limit) { FALSE, 2009 };
    case NID_ripemd160: return (Limit) { FALSE, 2011 };
    case NID_whirlpool: return (Limit) { FALSE, 2015 };
    default: return (Limit) { FALSE, 0 };
    }
}

/* Key sizes as DSS reads its table: the entry with the largest size not
 * above the key's. */
static Limit
key_limit (EVP_PKEY *key)
{
  int bits = EVP_PKEY_get_bits (key);

  switch (EVP_PKEY_get_base_id (key))
    {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
      if (bits < 1024)
        return (Limit) { TRUE, 0 };
      return (Limit) { FALSE, bits < 1536 ? 2009 : bits < 1900 ? 2016 : 0 };
    case EVP_PKEY_DSA:
      if (bits < 1024)
        return (Limit) { TRUE, 0 };
      return (Limit) { FALSE, bits < 2048 ? 2013 : 0 };
    case EVP_PKEY_EC:
      if (bits < 160)
        return (Limit) { TRUE, 0 };
      return (Limit) { FALSE, bits < 224 ? 2013 : bits < 256 ? 2016 : 0 };
    default:
      return (Limit) { FALSE, 0 };
    }
}

static char *
key_name (EVP_PKEY *key)
{
  const char *type = EVP_PKEY_get_base_id (key) == EVP_PKEY_EC ? "ECDSA" : EVP_PKEY_get0_type_name (key);

  return g_strdup_printf ("%s-%d", type ? type : "?", EVP_PKEY_get_bits (key));
}

static gboolean
reliable_at (Limit limit, GDateTime *when)
{
  g_autoptr(GDateTime) now = when ? NULL : g_date_time_new_now_utc ();

  return !limit.rejected && (limit.until == 0 || g_date_time_get_year (when ? when : now) < limit.until);
}

gboolean
bs_algorithm_digest_reliable_now (const EVP_MD *md)
{
  return md != NULL && reliable_at (digest_limit (EVP_MD_get_type (md)), NULL);
}

static char *
use_name (const BsAlgorithmUse *use)
{
  g_autofree char *cn = NULL;

  if (use->what != NULL)
    return g_strdup (use->what);
  cn = bs_cert_info_common_name (use->cert);
  return g_strdup_printf (_("The certificate of %s"), cn);
}

static void
fail_use (BsSignatureReport *r, const BsAlgorithmUse *use, Limit limit, const char *name)
{
  g_autofree char *text = NULL;
  g_autofree char *what = use_name (use);
  g_autoptr(GDateTime) end = limit.until ? g_date_time_new_utc (limit.until, 1, 1, 0, 0, 0) : NULL;
  g_autoptr(GDateTime) produced = bs_asn1_time_to_datetime (use->produced);
  g_autofree char *end_text = end ? bs_format_date (end) : NULL;
  gboolean made_after = end != NULL && produced != NULL && g_date_time_compare (produced, end) >= 0;

  if (limit.rejected)
    text = g_strdup_printf (_("%s uses %s, which ETSI TS 119 312 does not accept for signatures"), what, name);
  else if (made_after)
    text = g_strdup_printf (_("%s uses %s, reliable only before %s (ETSI TS 119 312), and it was made after that date"),
                            what, name, end_text);
  else
    text = g_strdup_printf (_("%s uses %s, reliable only before %s (ETSI TS 119 312), and no trusted time-stamp "
                              "proves that the signature existed then"), what, name, end_text);
  bs_report_degrade (r, BS_TRUST_INDETERMINATE, "INDETERMINATE",
                     limit.rejected || made_after ? "CRYPTO_CONSTRAINTS_FAILURE" : "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
                     text);
}

gboolean
bs_algorithms_judge (BsSignatureReport *r, const BsAlgorithmUse *uses, guint n_uses, GDateTime *poe)
{
  for (guint i = 0; i < n_uses; i++)
    {
      const BsAlgorithmUse *use = &uses[i];
      Limit digest = digest_limit (use->digest_nid);
      Limit key = use->key ? key_limit (use->key) : (Limit) { FALSE, 0 };

      if (use->digest_nid != NID_undef && !reliable_at (digest, poe))
        {
          g_autofree char *name = g_ascii_strup (OBJ_nid2sn (use->digest_nid), -1);
          fail_use (r, use, digest, name);
          return FALSE;
        }
      if (use->key != NULL && !reliable_at (key, poe))
        {
          g_autofree char *name = key_name (use->key);
          fail_use (r, use, key, name);
          return FALSE;
        }
    }
  return TRUE;
}

GArray *
bs_algorithm_uses_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (BsAlgorithmUse));
}

void
bs_algorithms_add_chain (GArray *uses, STACK_OF (X509) *chain)
{
  int n = chain ? sk_X509_num (chain) : 0;

  /* The last certificate is the trust anchor: its own signature proves
   * nothing and is not checked, but its key signed the one below it. */
  for (int i = 0; i + 1 < n; i++)
    {
      X509 *cert = sk_X509_value (chain, i);
      int md_nid = NID_undef;
      BsAlgorithmUse use = {
        .cert = cert,
        .key = X509_get0_pubkey (sk_X509_value (chain, i + 1)),
        .produced = X509_get0_notBefore (cert),
      };

      if (X509_get_signature_info (cert, &md_nid, NULL, NULL, NULL))
        use.digest_nid = md_nid;
      g_array_append_val (uses, use);
    }
}
