/* test-ltv.c — PAdES B-T, B-LT and B-LTA against besign-devserver's TSA,
 * OCSP and CRL on loopback; the certificate life cycle; clock skew.
 * Independent checks: pdfsig, `openssl ts -verify` on the embedded token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <signal.h>
#include <string.h>

typedef struct {
  DsHarness *h;
  char      *pw;
  char      *pp;
  char      *root;
  char      *ca;
  char      *sample;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) ca = NULL;
  g_autofree char *ca_der = NULL;

  f->h = ds_harness_start (FALSE);
  f->pw = ds_harness_write (f->h, "pw", ds_harness_account (f->h, "password"));
  f->pp = ds_harness_write (f->h, "pp", ds_harness_account (f->h, "passphrase"));
  f->root = g_build_filename (f->h->data_dir, "root.pem", NULL);
  f->sample = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "data", "demo", "sample.pdf", NULL);
  ca = ds_http (f->h, "GET", "/ca/ca.crt", NULL, NULL, NULL, 0);
  ca_der = g_build_filename (f->h->root, "ca.der", NULL);
  g_assert_true (g_file_set_contents (ca_der, ca->body, (gssize) ca->length, NULL));
  f->ca = g_build_filename (f->h->root, "ca.pem", NULL);
  {
    const char *argv[] = { "openssl", "x509", "-inform", "DER", "-in", ca_der, "-out", f->ca, NULL };
    g_assert_cmpint (ds_run (argv, NULL, NULL), ==, 0);
  }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->pw);
  g_free (f->pp);
  g_free (f->root);
  g_free (f->ca);
  g_free (f->sample);
  ds_harness_free (f->h);
}

/* besign-cli sign through the account, with a device of its own; returns
 * the exit status and output. */
static int
sign (Fixture *f, const char *level, const char *out, const char *faketime, char **output)
{
  g_autofree char *secret = NULL;
  g_autofree char *device = ds_harness_add_device (f->h, &secret);
  g_autofree char *code = ds_totp (secret, ds_totp_step_now () + 1);
  g_autofree char *tsa = g_strconcat (f->h->base_url, "/tsa", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) stdin_code = NULL;

  if (faketime != NULL)
    {
      g_ptr_array_add (argv, "faketime");
      g_ptr_array_add (argv, "-f");
      g_ptr_array_add (argv, (char *) faketime);
    }
  g_ptr_array_add (argv, (char *) g_getenv ("BESIGN_CLI"));
  for (const char *const *a = (const char *const[]) { "sign", "--server", f->h->base_url, "--user", "demo",
                                                      "--password-file", f->pw, "--device", device,
                                                      "--passphrase-file", f->pp, "--tsa", tsa, "--level",
                                                      level, "-o", out, f->sample, NULL }; *a; a++)
    g_ptr_array_add (argv, (char *) *a);
  g_ptr_array_add (argv, NULL);
  /* The authenticator code on standard input, never on the command line. */
  stdin_code = g_bytes_new_take (g_strconcat (code, "\n", NULL), strlen (code) + 1);
  return ds_run ((const char *const *) argv->pdata, stdin_code, output);
}

static char *
out_path (Fixture *f, const char *name)
{
  return g_build_filename (f->h->root, name, NULL);
}

static char *
verify (Fixture *f, const char *path, gboolean online, int *status)
{
  const char *argv[] = { g_getenv ("BESIGN_CLI"), "verify", "--trust", f->root, online ? "--online" : path,
                         online ? path : NULL, NULL };
  char *output = NULL;

  *status = ds_run (argv, NULL, &output);
  return output;
}

static char *
json_verdict (Fixture *f, const char *path)
{
  const char *argv[] = { g_getenv ("BESIGN_CLI"), "verify", "--json", "--trust", f->root, path, NULL };
  char *output = NULL;

  ds_run (argv, NULL, &output);
  return output;
}

static void
assert_pdfsig_valid (const char *path)
{
  const char *argv[] = { "pdfsig", path, NULL };
  g_autofree char *output = NULL;

  ds_run (argv, NULL, &output);
  g_assert_nonnull (strstr (output, "Signature Validation: Signature is Valid."));
  g_assert_null (strstr (output, "Signature is Invalid"));
}

/* The signature-time-stamp token of the last signature, and the digest
 * of the signature value it must stamp, written for `openssl ts`. */
static void
extract_token (const char *pdf, const char *token_path, char **digest_hex)
{
  g_autofree char *data = NULL;
  gsize len;
  const char *contents;
  g_autofree char *hex = NULL;
  g_autofree guint8 *der = NULL;
  gsize der_len;
  const unsigned char *p;
  CMS_ContentInfo *cms;
  CMS_SignerInfo *si;
  X509_ATTRIBUTE *attr;
  ASN1_TYPE *value;
  ASN1_OCTET_STRING *signature;
  guint8 md[32];
  GString *digest = g_string_new (NULL);

  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  /* The first signature's /Contents (PDFs hold NUL bytes: memmem). */
  contents = memmem (data, len, "/Contents <", strlen ("/Contents <"));
  g_assert_nonnull (contents);
  contents += strlen ("/Contents <");
  hex = g_strndup (contents, strcspn (contents, ">"));
  der_len = strlen (hex) / 2;
  der = g_malloc (der_len);
  for (gsize i = 0; i < der_len; i++)
    der[i] = (guint8) g_ascii_strtoull ((char[3]) { hex[2 * i], hex[2 * i + 1], 0 }, NULL, 16);
  p = der;
  cms = d2i_CMS_ContentInfo (NULL, &p, (long) der_len);
  g_assert_nonnull (cms);
  si = sk_CMS_SignerInfo_value (CMS_get0_SignerInfos (cms), 0);
  attr = CMS_unsigned_get_attr (si, CMS_unsigned_get_attr_by_NID (si, NID_id_smime_aa_timeStampToken, -1));
  g_assert_nonnull (attr);
  value = X509_ATTRIBUTE_get0_type (attr, 0);
  g_assert_true (g_file_set_contents (token_path, (const char *) value->value.sequence->data,
                                      value->value.sequence->length, NULL));
  signature = CMS_SignerInfo_get0_signature (si);
  EVP_Digest (ASN1_STRING_get0_data (signature), (size_t) ASN1_STRING_length (signature), md, NULL, EVP_sha256 (),
              NULL);
  for (int i = 0; i < 32; i++)
    g_string_append_printf (digest, "%02x", md[i]);
  *digest_hex = g_string_free (digest, FALSE);
  CMS_ContentInfo_free (cms);
}

static void
test_levels (Fixture *f, gconstpointer data)
{
  const char *levels[] = { "B-T", "B-LT", "B-LTA" };
  const char *formats[] = { "PAdES-BASELINE-T", "PAdES-BASELINE-LT", "PAdES-BASELINE-LTA" };

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.pdf", levels[i]);
      g_autofree char *path = out_path (f, name);
      g_autofree char *token = out_path (f, "token.tst");
      g_autofree char *digest = NULL;
      g_autofree char *output = NULL, *json = NULL, *verdict = NULL, *ts = NULL;
      g_autofree char *expect_format = g_strdup_printf ("\"signatureFormat\":\"%s\"", formats[i]);
      int status;

      g_assert_cmpint (sign (f, levels[i], path, NULL, &output), ==, 0);
      assert_pdfsig_valid (path);
      extract_token (path, token, &digest);
      {
        const char *argv[] = { "openssl", "ts", "-verify", "-token_in", "-in", token, "-digest", digest,
                               "-CAfile", f->root, "-untrusted", f->ca, NULL };
        g_assert_cmpint (ds_run (argv, NULL, &ts), ==, 0);
        g_assert_nonnull (strstr (ts, "Verification: OK"));
      }
      /* B-T carries no revocation data: its certificate's OCSP decides. */
      verdict = verify (f, path, i == 0, &status);
      g_assert_cmpint (status, ==, 0);
      json = json_verdict (f, path);
      g_assert_nonnull (strstr (json, expect_format));
      g_assert_nonnull (strstr (json, i == 0 ? "\"ltv\":false" : "\"ltv\":true"));
      if (i == 2)
        g_assert_nonnull (strstr (verdict, "document time-stamp"));
    }
}

static DsReply *
revoke_certificate (Fixture *f)
{
  g_autofree char *bearer = ds_harness_login (f->h);
  g_autofree char *body = g_strdup_printf ("{\"reason\": \"keyCompromise\", \"passphrase\": \"%s\"}",
                                           ds_harness_account (f->h, "passphrase"));

  return ds_post (f->h, "/api/v2/user/certificate/revoke", bearer, body);
}

/* Signed B-LT at T0, revoked at T1, validation data refreshed, verified
 * offline: still valid, the revocation noted after the time-stamp. Signed
 * B-B and then revoked: invalid. Signing after revocation: refused. */
static void
test_life_cycle (Fixture *f, gconstpointer data)
{
  g_autofree char *lt = out_path (f, "lt.pdf");
  g_autofree char *bb = out_path (f, "bb.pdf");
  g_autofree char *refreshed = out_path (f, "lt-refreshed.pdf");
  g_autofree char *after = out_path (f, "after.pdf");
  g_autofree char *out1 = NULL, *out2 = NULL, *out3 = NULL, *bb_verdict = NULL, *lt_verdict = NULL;
  g_autoptr(DsReply) revoked = NULL;
  int status;

  g_assert_cmpint (sign (f, "B-LT", lt, NULL, &out1), ==, 0);
  g_assert_cmpint (sign (f, "B-B", bb, NULL, &out2), ==, 0);
  g_usleep (1100 * 1000);  /* revocation strictly after the time-stamp */
  revoked = revoke_certificate (f);
  g_assert_cmpint (revoked->status, ==, 200);
  {
    const char *argv[] = { g_getenv ("BESIGN_CLI"), "ltv", "-o", refreshed, lt, NULL };
    g_autofree char *output = NULL;
    g_assert_cmpint (ds_run (argv, NULL, &output), ==, 0);
  }
  bb_verdict = verify (f, bb, TRUE, &status);
  g_assert_cmpint (status, ==, 3);   /* INVALID */
  g_assert_nonnull (strstr (bb_verdict, "revoked"));
  g_assert_cmpint (sign (f, "B-T", after, NULL, &out3), ==, 1);
  g_assert_nonnull (strstr (out3, "REVOKE"));
  g_assert_false (g_file_test (after, G_FILE_TEST_EXISTS));

  ds_harness_stop (f->h, SIGTERM);
  lt_verdict = verify (f, refreshed, FALSE, &status);
  g_assert_cmpint (status, ==, 0);   /* VALID, offline */
  g_assert_nonnull (strstr (lt_verdict, "revoked"));
  g_assert_nonnull (strstr (lt_verdict, "after"));
}

static void
test_clock_skew (Fixture *f, gconstpointer data)
{
  g_autofree char *path = out_path (f, "skew.pdf");
  g_autofree char *output = NULL, *verdict = NULL;
  int status;

  /* The signer's clock 10 minutes ahead: /M says so, the TSA does not. */
  g_setenv ("ASAN_OPTIONS", "verify_asan_link_order=0:detect_leaks=0", TRUE);
  if (sign (f, "B-T", path, "+10m", &output) != 0) g_error ("%s", output);
  verdict = verify (f, path, TRUE, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (verdict, "differs from the signing time the signer claimed by 10 minutes")
                    ? verdict : strstr (verdict, "differs from the signing time the signer claimed by 9 minutes"));
}

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  ADD ("/ltv/levels", test_levels);
  ADD ("/ltv/life-cycle", test_life_cycle);
  ADD ("/ltv/clock-skew", test_clock_skew);
  return g_test_run ();
}
