/* test-verify-cms.c — the CMS rules of signature verification, one test
 * per rule, on PDFs signed by independent tools (make-cms-fixtures.py:
 * openssl, asn1crypto), checked through bs_verify_file() and, where they
 * have an opinion, against pdfsig and the openssl command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "verify-fixtures.h"

#include <locale.h>

static char *dir;

#define EXPECT(name, verdict, integrity, trust, sub, problem) \
  g_autoptr(BsVerifyReport) report = vf_expect (dir, name, 0, BS_VERDICT_##verdict, BS_INTEGRITY_##integrity, \
                                                BS_TRUST_##trust, sub, problem)

/* ---- baseline and adbe.pkcs7.detached ----------------------------------- */

static void
test_openssl_cades (void)
{
  EXPECT ("openssl-cades", VALID, INTACT, TRUSTED, NULL, NULL);
  g_assert_cmpstr (vf_signature (report, 0)->indication, ==, "TOTAL_PASSED");
  g_assert_true (vf_pdfsig_valid (dir, "openssl-cades"));
}

static void
test_assembled (void)
{
  EXPECT ("assembled", VALID, INTACT, TRUSTED, NULL, NULL);
  g_assert_true (vf_pdfsig_valid (dir, "assembled"));
}

/* ISO 32000-1 12.8.3.3.1: the content digest signed directly. */
static void
test_no_signed_attributes (void)
{
  EXPECT ("noattr", VALID, INTACT, TRUSTED, NULL, NULL);
  g_autoptr(BsVerifyReport) ec = vf_expect (dir, "noattr-ec", 0, BS_VERDICT_VALID, BS_INTEGRITY_INTACT,
                                            BS_TRUST_TRUSTED, NULL, NULL);
  g_assert_true (vf_pdfsig_valid (dir, "noattr"));
  g_assert_true (vf_pdfsig_valid (dir, "noattr-ec"));
}

static void
test_no_signed_attributes_tampered (void)
{
  EXPECT ("noattr-tampered", INVALID, BROKEN, NOT_CHECKED, "HASH_FAILURE", "changed");
  g_assert_false (vf_pdfsig_valid (dir, "noattr-tampered"));
}

/* ---- signed attributes must be DER (RFC 5652 5.4) ----------------------- */

static void
test_signed_attrs_unsorted (void)
{
  EXPECT ("attrs-unsorted", INVALID, BROKEN, NOT_CHECKED, "SIG_CRYPTO_FAILURE", "not DER-encoded");
  /* What makes it this class: OpenSSL's own check accepts it. */
  g_assert_true (vf_openssl_cms_accepts (dir, "attrs-unsorted", FALSE));
}

/* Sent unsorted but signed over the DER: what the standard signs. */
static void
test_signed_attrs_unsorted_der_signed (void)
{
  EXPECT ("attrs-unsorted-der-signed", VALID, INTACT, TRUSTED, NULL, NULL);
}

static void
test_signed_attrs_long_length_inner (void)
{
  EXPECT ("attrs-long-inner", INVALID, BROKEN, NOT_CHECKED, "SIG_CRYPTO_FAILURE", "not DER-encoded");
  g_assert_true (vf_openssl_cms_accepts (dir, "attrs-long-inner", FALSE));
}

static void
test_signed_attrs_long_length_outer (void)
{
  EXPECT ("attrs-long-outer", INVALID, BROKEN, NOT_CHECKED, "SIG_CRYPTO_FAILURE", NULL);
  g_assert_false (vf_openssl_cms_accepts (dir, "attrs-long-outer", FALSE));
}

/* ---- algorithm identifiers ----------------------------------------------- */

static void
test_signature_algorithm_mismatch (void)
{
  EXPECT ("sigalg-sha3-over-sha256", INVALID, BROKEN, NOT_CHECKED, "SIG_CRYPTO_FAILURE", "does not agree");
  g_autoptr(BsVerifyReport) matching = vf_expect (dir, "sigalg-matching", 0, BS_VERDICT_VALID, BS_INTEGRITY_INTACT,
                                                  BS_TRUST_TRUSTED, NULL, NULL);
  g_assert_true (vf_openssl_cms_accepts (dir, "sigalg-sha3-over-sha256", FALSE));
}

static void
test_digest_algorithm_is_signature_oid (void)
{
  EXPECT ("digestalg-is-sigalg", INVALID, BROKEN, NOT_CHECKED, "FORMAT_FAILURE", "holds a signature algorithm");
  g_assert_true (vf_openssl_cms_accepts (dir, "digestalg-is-sigalg", FALSE));
}

/* ETSI EN 319 142-1 5.2.1 / ISO 32000-1 12.8.3.3.1: detached. */
static void
test_detached_with_econtent (void)
{
  EXPECT ("econtent-empty", INVALID, BROKEN, NOT_CHECKED, "FORMAT_FAILURE", "eContent");
}

/* ---- ESS signing-certificate (RFC 5035 5.4) ------------------------------ */

static void
expect_ess_match (const char *name)
{
  g_autoptr(BsVerifyReport) report = vf_expect (dir, name, 0, BS_VERDICT_VALID, BS_INTEGRITY_INTACT,
                                                BS_TRUST_TRUSTED, NULL, NULL);
  g_assert_true (vf_pdfsig_valid (dir, name));
}

static void test_ess_absent (void) { expect_ess_match ("ess-none"); }
static void test_ess_v1 (void) { expect_ess_match ("ess-v1"); }
static void test_ess_v1_no_issuer_serial (void) { expect_ess_match ("ess-v1-no-issuer-serial"); }
static void test_ess_v2_sha512 (void) { expect_ess_match ("ess-v2-sha512"); }
static void test_ess_v2_no_issuer_serial (void) { expect_ess_match ("ess-v2-no-issuer-serial"); }

/* The attribute lists the CA too, and the CMS carries only the signer:
 * OSSL_ESS_check_signing_certs() wants every listed certificate in the
 * chain it is handed. */
static void
test_ess_v2_lists_chain (void)
{
  expect_ess_match ("ess-v2-chain");
  g_assert_true (vf_openssl_cms_accepts (dir, "ess-v2-chain", TRUE));
}

static void
test_ess_other_certificate (void)
{
  EXPECT ("ess-v2-other-cert", INDETERMINATE, INTACT, INDETERMINATE, "NO_SIGNING_CERTIFICATE_FOUND", "another certificate");
  g_assert_false (vf_openssl_cms_accepts (dir, "ess-v2-other-cert", TRUE));
}

static void
test_ess_other_issuer_serial (void)
{
  EXPECT ("ess-v2-other-serial", INDETERMINATE, INTACT, INDETERMINATE, "NO_SIGNING_CERTIFICATE_FOUND", "another certificate");
  g_assert_false (vf_openssl_cms_accepts (dir, "ess-v2-other-serial", TRUE));
}

/* ---- several SignerInfos ------------------------------------------------- */

/* By name: a SET OF SignerInfos is sorted in DER, not kept in the order
 * openssl was given them. */
static const BsSignerOutcome *
outcome (BsVerifyReport *report, const char *name)
{
  const BsSignatureReport *r = vf_signature (report, 0);

  g_assert_cmpuint (r->signers->len, ==, 2);
  for (guint i = 0; i < r->signers->len; i++)
    {
      const BsSignerOutcome *o = g_ptr_array_index (r->signers, i);
      if (g_strcmp0 (o->signer_name, name) == 0)
        return o;
    }
  g_error ("no signer %s", name);
}

static void
test_two_signers (void)
{
  EXPECT ("two-signers", VALID, INTACT, TRUSTED, NULL, NULL);
  for (guint i = 0; i < 2; i++)
    {
      const BsSignerOutcome *o = outcome (report, i == 0 ? "CMS Fixture signer" : "CMS Fixture cosigner");
      g_assert_cmpint (o->integrity, ==, BS_INTEGRITY_INTACT);
      g_assert_cmpint (o->trust, ==, BS_TRUST_TRUSTED);
    }
  g_assert_true (vf_pdfsig_valid (dir, "two-signers"));
}

/* The field is judged by its first trusted signer, and says so of the other. */
static void
test_two_signers_one_untrusted (void)
{
  EXPECT ("two-signers-one-untrusted", VALID, INTACT, TRUSTED, NULL, "of 2 (CMS Fixture signer-rogue)");
  g_assert_cmpstr (vf_signature (report, 0)->signer_name, ==, "CMS Fixture signer");
  g_assert_cmpint (outcome (report, "CMS Fixture signer-rogue")->trust, ==, BS_TRUST_UNTRUSTED);
  g_assert_cmpint (outcome (report, "CMS Fixture signer")->trust, ==, BS_TRUST_TRUSTED);
}

/* A forged co-signature is damage to the signature. */
static void
test_two_signers_one_broken (void)
{
  EXPECT ("two-signers-cosigner-broken", INVALID, BROKEN, TRUSTED, "SIG_CRYPTO_FAILURE", "of 2 (CMS Fixture cosigner)");
  g_assert_cmpint (outcome (report, "CMS Fixture signer")->integrity, ==, BS_INTEGRITY_INTACT);
  g_assert_cmpint (outcome (report, "CMS Fixture cosigner")->integrity, ==, BS_INTEGRITY_BROKEN);
}

/* ---- signature algorithms ------------------------------------------------ */

static void
test_ecdsa (void)
{
  EXPECT ("ecdsa", VALID, INTACT, TRUSTED, NULL, NULL);
  g_assert_true (vf_pdfsig_valid (dir, "ecdsa"));
}

/* BSI TR-03111 r||s (pdfsig 22.12 cannot check it; openssl dgst can). */
static void
test_plain_ecdsa (void)
{
  EXPECT ("plain-ecdsa", VALID, INTACT, TRUSTED, NULL, NULL);
  g_assert_true (vf_openssl_signature_verifies (dir, "plain-ecdsa", "signer-ec", "sha256"));
}

static void
test_plain_ecdsa_bad_value (void)
{
  EXPECT ("plain-ecdsa-bad", INVALID, BROKEN, NOT_CHECKED, "SIG_CRYPTO_FAILURE", NULL);
  g_assert_false (vf_openssl_signature_verifies (dir, "plain-ecdsa-bad", "signer-ec", "sha256"));
}

/* RFC 8419 (OpenSSL 3.0's cms command cannot verify EdDSA; pkeyutl can). */
static void
test_ed25519 (void)
{
  EXPECT ("ed25519", VALID, INTACT, TRUSTED, NULL, NULL);
  g_assert_true (vf_openssl_signature_verifies (dir, "ed25519", "signer-ed25519", NULL));
}

static void
test_ed25519_tampered (void)
{
  EXPECT ("ed25519-tampered", INVALID, BROKEN, NOT_CHECKED, "HASH_FAILURE", "changed");
}

static void
test_ed448 (void)
{
  EXPECT ("ed448", VALID, INTACT, TRUSTED, NULL, NULL);
  g_assert_true (vf_openssl_signature_verifies (dir, "ed448", "signer-ed448", NULL));
}

/* Never "the document was changed" for what cannot be checked. */
static void
test_unsupported_signature_algorithm (void)
{
  EXPECT ("unknown-sigalg", INDETERMINATE, UNKNOWN, NOT_CHECKED, "CRYPTO_CONSTRAINTS_FAILURE", "does not support");
}

static void
test_unsupported_digest_algorithm (void)
{
  EXPECT ("unknown-digest", INDETERMINATE, UNKNOWN, NOT_CHECKED, "CRYPTO_CONSTRAINTS_FAILURE", "does not support");
}

int
main (int argc, char **argv)
{
  const char *groups[] = { "cms", "ess", "signers", "algorithms", NULL };
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  dir = vf_make (groups);
  g_test_add_func ("/verify/cms/openssl-cades", test_openssl_cades);
  g_test_add_func ("/verify/cms/assembled", test_assembled);
  g_test_add_func ("/verify/cms/no-signed-attributes", test_no_signed_attributes);
  g_test_add_func ("/verify/cms/no-signed-attributes-tampered", test_no_signed_attributes_tampered);
  g_test_add_func ("/verify/cms/signed-attrs-not-der/unsorted", test_signed_attrs_unsorted);
  g_test_add_func ("/verify/cms/signed-attrs-not-der/sent-unsorted-signed-der", test_signed_attrs_unsorted_der_signed);
  g_test_add_func ("/verify/cms/signed-attrs-not-der/long-length-inner", test_signed_attrs_long_length_inner);
  g_test_add_func ("/verify/cms/signed-attrs-not-der/long-length-outer", test_signed_attrs_long_length_outer);
  g_test_add_func ("/verify/cms/signature-algorithm-digest-mismatch", test_signature_algorithm_mismatch);
  g_test_add_func ("/verify/cms/digest-algorithm-is-signature-oid", test_digest_algorithm_is_signature_oid);
  g_test_add_func ("/verify/cms/detached-with-econtent", test_detached_with_econtent);
  g_test_add_func ("/verify/ess/absent", test_ess_absent);
  g_test_add_func ("/verify/ess/v1-sha1", test_ess_v1);
  g_test_add_func ("/verify/ess/v1-no-issuer-serial", test_ess_v1_no_issuer_serial);
  g_test_add_func ("/verify/ess/v2-sha512", test_ess_v2_sha512);
  g_test_add_func ("/verify/ess/v2-no-issuer-serial", test_ess_v2_no_issuer_serial);
  g_test_add_func ("/verify/ess/v2-lists-chain", test_ess_v2_lists_chain);
  g_test_add_func ("/verify/ess/other-certificate", test_ess_other_certificate);
  g_test_add_func ("/verify/ess/other-issuer-serial", test_ess_other_issuer_serial);
  g_test_add_func ("/verify/signers/two", test_two_signers);
  g_test_add_func ("/verify/signers/one-untrusted", test_two_signers_one_untrusted);
  g_test_add_func ("/verify/signers/one-broken", test_two_signers_one_broken);
  g_test_add_func ("/verify/algorithms/ecdsa", test_ecdsa);
  g_test_add_func ("/verify/algorithms/plain-ecdsa", test_plain_ecdsa);
  g_test_add_func ("/verify/algorithms/plain-ecdsa-bad-value", test_plain_ecdsa_bad_value);
  g_test_add_func ("/verify/algorithms/ed25519", test_ed25519);
  g_test_add_func ("/verify/algorithms/ed25519-tampered", test_ed25519_tampered);
  g_test_add_func ("/verify/algorithms/ed448", test_ed448);
  g_test_add_func ("/verify/algorithms/unsupported-signature-algorithm", test_unsupported_signature_algorithm);
  g_test_add_func ("/verify/algorithms/unsupported-digest-algorithm", test_unsupported_digest_algorithm);
  status = g_test_run ();
  vf_remove (dir);
  return status;
}
