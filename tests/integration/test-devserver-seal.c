/* test-devserver-seal.c — the institution's electronic seal and user
 * registration of the Esign Client Service v2, as an integration drives
 * them: activation code by e-mail, refresh, seal code, sealed PDFs (pdfsig
 * names the seal's certificate), revocation; registration by name and
 * e-mail, then the person's own account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  DsHarness *h;
  char      *basic;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->h = ds_harness_start (FALSE);
  f->basic = ds_harness_basic (f->h, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->basic);
  ds_harness_free (f->h);
}

static const char *
text_of (DsReply *r, const char *key)
{
  json_object *v = NULL;

  return r->json && json_object_object_get_ex (r->json, key, &v) ? json_object_get_string (v) : NULL;
}

static void
assert_status (DsReply *r, long status, const char *code)
{
  if (r->status != status || (code != NULL && g_strcmp0 (text_of (r, "code"), code) != 0))
    g_error ("expected %ld %s, got %ld %s", status, code ? code : "", r->status, r->body);
}

static DsReply *
seal_call (Fixture *f, const char *path, const char *totp, const char *extra)
{
  g_autofree char *totp_json = totp ? g_strdup_printf (", \"totp\": \"%s\"", totp) : g_strdup ("");
  g_autofree char *body = g_strdup_printf ("{\"idSubscriber\": \"%s\"%s%s}", ds_harness_account (f->h, "sealSubscriberId"),
                                           totp_json, extra ? extra : "");

  return ds_post (f->h, path, f->basic, body);
}

static char *
mailed_activation (Fixture *f)
{
  g_autofree char *marker = g_strdup_printf ("Kode aktivasi segel elektronik %s: ",
                                             ds_harness_account (f->h, "sealSubscriberId"));

  return ds_harness_mail_value (f->h, marker);
}

static char *
sample_b64 (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "data", "demo", "sample.pdf", NULL);
  g_autofree char *pdf = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &pdf, &len, NULL));
  return g_base64_encode ((const guint8 *) pdf, len);
}

static char *
seal_code (Fixture *f, const char *activation)
{
  g_autoptr(DsReply) r = seal_call (f, "/api/v2/seal/get/totp", activation, ", \"data\": 1");
  json_object *result = NULL;

  assert_status (r, 200, NULL);
  g_assert_true (json_object_object_get_ex (r->json, "result", &result));
  g_assert_true (json_object_get_boolean (result));
  g_assert_cmpuint (strlen (text_of (r, "totp")), ==, 6);
  return g_strdup (text_of (r, "totp"));
}

static void
assert_sealed (Fixture *f, DsReply *r)
{
  json_object *files = NULL;
  g_autofree guint8 *pdf = NULL;
  gsize len = 0;
  g_autofree char *path = g_build_filename (f->h->root, "sealed.pdf", NULL);
  const char *pdfsig[] = { "pdfsig", path, NULL };
  g_autofree char *out = NULL;

  assert_status (r, 200, NULL);
  g_assert_true (json_object_object_get_ex (r->json, "file", &files));
  pdf = g_base64_decode (json_object_get_string (json_object_array_get_idx (files, 0)), &len);
  g_assert_true (g_file_set_contents (path, (const char *) pdf, (gssize) len, NULL));
  g_assert_cmpint (ds_run (pdfsig, NULL, &out), ==, 0);
  g_assert_nonnull (strstr (out, "Signature is Valid."));
  /* The institution's own identity, not a person's. */
  g_assert_nonnull (strstr (out, "Segel Elektronik Instansi Demo (DEV)"));
}

static void
test_seal_flow (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) asked = seal_call (f, "/api/v2/seal/get/activation", NULL, NULL);
  g_autofree char *activation = mailed_activation (f);
  g_autofree char *code = NULL, *refreshed_code = NULL, *body = NULL, *pdf = sample_b64 ();
  g_autoptr(DsReply) sealed = NULL, replay = NULL, refreshed = NULL, old = NULL, revoked = NULL, after = NULL;
  json_object *d = NULL, *t = NULL;

  assert_status (asked, 200, NULL);
  g_assert_cmpstr (text_of (asked, "sentTo"), ==, "s***@besign-dev.go.id");
  g_assert_nonnull (activation);
  code = seal_code (f, activation);
  body = g_strdup_printf (", \"signatureProperties\": [{\"tampilan\": \"VISIBLE\", \"page\": 1, \"originX\": 50.0,"
                          " \"originY\": 60.0, \"width\": 150.0, \"height\": 50.0, \"location\": \"Jakarta\","
                          " \"reason\": \"Segel instansi\"}], \"file\": [\"%s\"]", pdf);
  sealed = seal_call (f, "/api/v2/seal/pdf", code, body);
  assert_sealed (f, sealed);
  /* A seal code serves once. */
  replay = seal_call (f, "/api/v2/seal/pdf", code, body);
  assert_status (replay, 401, "INVALID_OTP");
  /* The activation code refreshes itself: the new one comes back, the old dies. */
  refreshed = seal_call (f, "/api/v2/seal/get/activation", activation, NULL);
  assert_status (refreshed, 200, NULL);
  g_assert_true (json_object_object_get_ex (refreshed->json, "data", &d) && json_object_object_get_ex (d, "totp", &t));
  refreshed_code = g_strdup (json_object_get_string (t));
  old = seal_call (f, "/api/v2/seal/get/totp", activation, ", \"data\": 1");
  if (!g_str_equal (activation, refreshed_code))
    assert_status (old, 401, "INVALID_OTP");
  g_free (seal_code (f, refreshed_code));
  revoked = seal_call (f, "/api/v2/seal/revoke/activation", refreshed_code, NULL);
  assert_status (revoked, 200, NULL);
  after = seal_call (f, "/api/v2/seal/get/totp", refreshed_code, ", \"data\": 1");
  assert_status (after, 401, "INVALID_OTP");
}

static void
test_seal_other_institution (Fixture *f, gconstpointer data)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "rahasia instansi lain", -1);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO integrations (user, password_sha256, institution)"
                                          " VALUES ('lain', '%s', 'Instansi Lain')", hash);
  g_autofree char *pair = g_base64_encode ((const guchar *) "lain:rahasia instansi lain", strlen ("lain:rahasia instansi lain"));
  g_autofree char *other = g_strconcat ("Basic ", pair, NULL);
  g_autofree char *body = g_strdup_printf ("{\"idSubscriber\": \"%s\"}", ds_harness_account (f->h, "sealSubscriberId"));
  g_autoptr(DsReply) refused = NULL, unknown = NULL;

  g_free (ds_harness_sql (f->h, sql));
  refused = ds_post (f->h, "/api/v2/seal/get/activation", other, body);
  unknown = ds_post (f->h, "/api/v2/seal/get/activation", f->basic, "{\"idSubscriber\": \"TIDAK-ADA\"}");
  assert_status (refused, 404, "NOT_FOUND");
  assert_status (unknown, 404, "NOT_FOUND");
}

static void
test_seal_wrong_codes (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) asked = seal_call (f, "/api/v2/seal/get/activation", NULL, NULL);
  g_autofree char *activation = mailed_activation (f);
  g_autoptr(DsReply) right = NULL;

  assert_status (asked, 200, NULL);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *guess = g_strdup_printf ("%06u", (guint) ((g_ascii_strtoull (activation, NULL, 10) + 1 + i) % 1000000));
      g_autoptr(DsReply) r = seal_call (f, "/api/v2/seal/get/totp", guess, ", \"data\": 1");
      assert_status (r, i < 4 ? 401 : 403, i < 4 ? "INVALID_OTP" : "LOCKED");
    }
  right = seal_call (f, "/api/v2/seal/get/totp", activation, ", \"data\": 1");
  assert_status (right, 403, "LOCKED");
}

/* ---- registration ------------------------------------------------------ */

static void
test_registration (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) ok = ds_post (f->h, "/api/v2/user/registration", f->basic,
                                   "{\"nama\": \"Siti Aminah\", \"email\": \"siti@besign-dev.go.id\"}");
  g_autoptr(DsReply) again = ds_post (f->h, "/api/v2/user/registration", f->basic,
                                      "{\"nama\": \"Siti Aminah\", \"email\": \"siti@besign-dev.go.id\"}");
  g_autoptr(DsReply) alias = ds_post (f->h, "/api/v2/user/register", f->basic,
                                      "{\"nama\": \"Budi\", \"email\": \"budi@besign-dev.go.id\", \"nik\": \"3171000000000042\"}");
  g_autoptr(DsReply) bad_email = ds_post (f->h, "/api/v2/user/registration", f->basic, "{\"nama\": \"X\", \"email\": \"x\"}");
  g_autoptr(DsReply) bad_nik = ds_post (f->h, "/api/v2/user/registration", f->basic,
                                        "{\"nama\": \"X\", \"email\": \"x@y.go.id\", \"nik\": \"12\"}");
  g_autoptr(DsReply) status = ds_post (f->h, "/api/v2/user/check/status", f->basic, "{\"email\": \"siti@besign-dev.go.id\"}");
  g_autoptr(DsReply) by_nik = ds_post (f->h, "/api/v2/user/check/status", f->basic, "{\"nik\": \"3171000000000042\"}");
  g_autofree char *token = ds_harness_mail_value (f->h, "registration/confirm?token=");
  g_autofree char *confirm = NULL;
  g_autoptr(DsReply) before = NULL, confirmed = NULL, login = NULL;
  json_object *code = NULL;

  assert_status (ok, 200, NULL);
  g_assert_true (json_object_object_get_ex (ok->json, "status_code", &code));
  g_assert_cmpint (json_object_get_int (code), ==, 2021);
  assert_status (again, 409, "ALREADY_REGISTERED");
  assert_status (alias, 200, NULL);
  assert_status (bad_email, 400, "BAD_REQUEST");
  assert_status (bad_nik, 400, "BAD_REQUEST");
  g_assert_cmpstr (text_of (status, "status"), ==, "NO_CERTIFICATE");
  g_assert_cmpstr (text_of (by_nik, "status"), ==, "NO_CERTIFICATE");
  /* No password until the person chooses one from the e-mailed link. */
  before = ds_post (f->h, "/api/v2/auth/login", NULL, "{\"username\": \"budi@besign-dev.go.id\", \"password\": \"\"}");
  assert_status (before, 400, "BAD_REQUEST");
  g_assert_nonnull (token);
  confirm = g_strdup_printf ("{\"token\": \"%s\", \"password\": \"sandi akun budi 1\"}", token);
  confirmed = ds_post (f->h, "/api/v2/user/registration/confirm", NULL, confirm);
  assert_status (confirmed, 204, NULL);
  login = ds_post (f->h, "/api/v2/auth/login", NULL,
                   "{\"username\": \"budi@besign-dev.go.id\", \"password\": \"sandi akun budi 1\"}");
  assert_status (login, 200, NULL);
  g_assert_cmpstr (text_of (login, "otp"), ==, "SETUP_REQUIRED");
}

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/seal/flow", test_seal_flow);
  ADD ("/seal/other-institution", test_seal_other_institution);
  ADD ("/seal/wrong-codes", test_seal_wrong_codes);
  ADD ("/registration/flow", test_registration);
  return g_test_run ();
}
