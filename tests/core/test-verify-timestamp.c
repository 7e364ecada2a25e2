/* test-verify-timestamp.c — time-stamps, proofs of existence and what
 * they decide (weak algorithms, revocation, key usage), one test per
 * rule, on PDFs signed and time-stamped by the openssl command
 * (make-cms-fixtures.py; faketime for 2008).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "verify-fixtures.h"

#include <locale.h>

static char *dir;

#define EXPECT_AT(name, index, verdict, integrity, trust, sub, problem) \
  g_autoptr(BsVerifyReport) report = vf_expect (dir, name, index, BS_VERDICT_##verdict, BS_INTEGRITY_##integrity, \
                                                BS_TRUST_##trust, sub, problem)
#define EXPECT(name, verdict, integrity, trust, sub, problem) \
  EXPECT_AT (name, 0, verdict, integrity, trust, sub, problem)

/* ---- signature time-stamps (EN 319 102-1 5.6.2: a failed POE) ------------- */

static void
test_timestamp_good (void)
{
  EXPECT ("ts-good", VALID, INTACT, TRUSTED, NULL, NULL);
  g_assert_true (vf_signature (report, 0)->time_from_timestamp);
  g_assert_cmpstr (vf_signature (report, 0)->format, ==, "PAdES-BASELINE-T");
}

static void
expect_failed_poe (const char *name, const char *problem)
{
  EXPECT (name, INDETERMINATE, INTACT, INDETERMINATE, "NO_POE", problem);
  g_assert_false (vf_signature (report, 0)->time_from_timestamp);
  g_assert_true (vf_pdfsig_valid (dir, name));   /* pdfsig does not look at the token */
}

static void test_timestamp_wrong_imprint (void) { expect_failed_poe ("ts-wrong-imprint", "imprint differs"); }
static void test_timestamp_altered_gentime (void) { expect_failed_poe ("ts-altered-gentime", "was altered"); }
static void test_timestamp_broken_signature (void) { expect_failed_poe ("ts-broken-signature", "was altered"); }

/* An untrusted authority proves no time, and is no damage either. */
static void
test_timestamp_untrusted_authority (void)
{
  EXPECT ("ts-untrusted-tsa", VALID, INTACT, TRUSTED, NULL, "authority is not trusted");
  g_assert_false (vf_signature (report, 0)->time_from_timestamp);
}

/* RFC 3161 2.3: the TSA's extended key usage is critical. */
static void
test_timestamp_eku_not_critical (void)
{
  EXPECT ("ts-eku-not-critical", VALID, INTACT, TRUSTED, NULL, "critical extended key usage");
  g_autoptr(BsVerifyReport) control = vf_expect (dir, "ts-resigned-by-tsa", 0, BS_VERDICT_VALID, BS_INTEGRITY_INTACT,
                                                 BS_TRUST_TRUSTED, NULL, NULL);
  g_assert_false (vf_signature (report, 0)->time_from_timestamp);
  g_assert_true (vf_signature (control, 0)->time_from_timestamp);
}

/* ---- document time-stamps (EN 319 142-1 5.4.3) ---------------------------- */

static void
test_document_timestamp_good (void)
{
  EXPECT_AT ("doc-ts-good", 1, VALID, INTACT, TRUSTED, NULL, NULL);
  g_assert_true (vf_signature (report, 1)->doc_timestamp);
  g_assert_cmpint (report->verdict, ==, BS_VERDICT_VALID);
}

static void
expect_forged_document_timestamp (const char *name, const char *sub, const char *problem)
{
  EXPECT_AT (name, 1, INVALID, BROKEN, NOT_CHECKED, sub, problem);
  g_assert_cmpint (vf_signature (report, 0)->verdict, ==, BS_VERDICT_VALID);
  g_assert_cmpint (report->verdict, ==, BS_VERDICT_INVALID);
}

static void
test_document_timestamp_wrong_imprint (void)
{
  expect_forged_document_timestamp ("doc-ts-wrong-imprint", "HASH_FAILURE", "does not match the document time-stamp");
}

static void
test_document_timestamp_altered_gentime (void)
{
  expect_forged_document_timestamp ("doc-ts-altered-gentime", "SIG_CRYPTO_FAILURE", "does not verify");
}

static void
test_document_timestamp_broken_signature (void)
{
  expect_forged_document_timestamp ("doc-ts-broken-signature", "SIG_CRYPTO_FAILURE", "does not verify");
}

/* ---- weak algorithms at the proven time (ETSI TS 119 312) ---------------- */

static void
test_sha1_without_poe (void)
{
  EXPECT ("sha1-no-poe", INDETERMINATE, INTACT, INDETERMINATE, "CRYPTO_CONSTRAINTS_FAILURE_NO_POE", "SHA1");
}

/* A trusted time-stamp of 2008 proves the signature existed while SHA-1
 * was still reliable (before 2009). */
static void
test_sha1_stamped_before_expiry (void)
{
  EXPECT ("sha1-stamped-2008", VALID, INTACT, TRUSTED, NULL, NULL);
  g_assert_true (vf_signature (report, 0)->time_from_timestamp);
  g_assert_cmpint (g_date_time_get_year (vf_signature (report, 0)->signing_time), ==, 2008);
}

/* Stamped now, by a certificate issued after 2009: made after the end. */
static void
test_sha1_stamped_after_expiry (void)
{
  EXPECT ("sha1-stamped-now", INDETERMINATE, INTACT, INDETERMINATE, "CRYPTO_CONSTRAINTS_FAILURE", "SHA1");
}

static void
test_rsa_1024 (void)
{
  EXPECT ("rsa-1024", INDETERMINATE, INTACT, INDETERMINATE, "CRYPTO_CONSTRAINTS_FAILURE", "RSA-1024");
}

/* adbe.pkcs7.sha1: the SHA-1 document digest decides, not the signer's. */
static void
test_adbe_pkcs7_sha1 (void)
{
  EXPECT ("pkcs7-sha1", INDETERMINATE, INTACT, INDETERMINATE, "CRYPTO_CONSTRAINTS_FAILURE_NO_POE", "adbe.pkcs7.sha1");
}

/* ---- revocation and key usage -------------------------------------------- */

static void
test_revocation_source_offline (void)
{
  EXPECT ("revocation-source-offline", INDETERMINATE, INTACT, INDETERMINATE, "TRY_LATER", "could not be checked");
}

static void
test_no_revocation_source (void)
{
  EXPECT ("ts-good", VALID, INTACT, TRUSTED, NULL, NULL);
  g_assert_cmpstr (vf_signature (report, 0)->revocation, ==, "no revocation data for the signer's certificate");
}

static void
test_no_signing_key_usage (void)
{
  EXPECT ("no-signing-key-usage", UNTRUSTED, INTACT, UNTRUSTED, "CHAIN_CONSTRAINTS_FAILURE", "key usage");
}

int
main (int argc, char **argv)
{
  const char *groups[] = { "timestamps", "doc-timestamps", "weak", "trust", NULL };
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  dir = vf_make (groups);
  g_test_add_func ("/verify/timestamp/good", test_timestamp_good);
  g_test_add_func ("/verify/timestamp/wrong-imprint", test_timestamp_wrong_imprint);
  g_test_add_func ("/verify/timestamp/altered-gentime", test_timestamp_altered_gentime);
  g_test_add_func ("/verify/timestamp/broken-signature", test_timestamp_broken_signature);
  g_test_add_func ("/verify/timestamp/untrusted-authority", test_timestamp_untrusted_authority);
  g_test_add_func ("/verify/timestamp/eku-not-critical", test_timestamp_eku_not_critical);
  g_test_add_func ("/verify/doc-timestamp/good", test_document_timestamp_good);
  g_test_add_func ("/verify/doc-timestamp/wrong-imprint", test_document_timestamp_wrong_imprint);
  g_test_add_func ("/verify/doc-timestamp/altered-gentime", test_document_timestamp_altered_gentime);
  g_test_add_func ("/verify/doc-timestamp/broken-signature", test_document_timestamp_broken_signature);
  g_test_add_func ("/verify/weak/sha1-without-poe", test_sha1_without_poe);
  g_test_add_func ("/verify/weak/sha1-stamped-before-expiry", test_sha1_stamped_before_expiry);
  g_test_add_func ("/verify/weak/sha1-stamped-after-expiry", test_sha1_stamped_after_expiry);
  g_test_add_func ("/verify/weak/rsa-1024", test_rsa_1024);
  g_test_add_func ("/verify/weak/adbe-pkcs7-sha1", test_adbe_pkcs7_sha1);
  g_test_add_func ("/verify/revocation/source-named-none-available", test_revocation_source_offline);
  g_test_add_func ("/verify/revocation/no-source", test_no_revocation_source);
  g_test_add_func ("/verify/key-usage/no-signing-usage", test_no_signing_key_usage);
  status = g_test_run ();
  vf_remove (dir);
  return status;
}
