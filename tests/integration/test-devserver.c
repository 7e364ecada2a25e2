/* test-devserver.c — every endpoint of besign-devserver over real HTTP,
 * the happy paths and the contract's errors, checked with independent
 * tools (OpenSSL's ts, ocsp and crl commands, Poppler's pdfsig).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

typedef struct {
  DsHarness *h;
  char      *bearer;
  char      *basic;   /* the demo integration's HTTP Basic */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->h = ds_harness_start (FALSE);
  f->bearer = ds_harness_login (f->h);
  f->basic = ds_harness_basic (f->h, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->bearer);
  g_free (f->basic);
  ds_harness_free (f->h);
}

static void
assert_error (DsReply *reply, long http, const char *code, gint64 status_code)
{
  if (reply->status != http || g_strcmp0 (ds_reply_string (reply, "code"), code) != 0)
    g_error ("expected %ld %s, got %ld %s", http, code, reply->status, reply->body);
  g_assert_cmpint (ds_reply_int (reply, "status_code"), ==, status_code);
  g_assert_nonnull (ds_reply_string (reply, "error"));
}

static json_object *
member (json_object *o, const char *key)
{
  json_object *v = NULL;

  g_assert_true (json_object_object_get_ex (o, key, &v));
  return v;
}

static char *
json_quote (const char *text)
{
  json_object *s = json_object_new_string (text);
  char *quoted = g_strdup (json_object_to_json_string (s));

  json_object_put (s);
  return quoted;
}

/* A sign/hash body with @count random digests and @auth_json, e.g.
 * "\"passphrase\": \"…\"". Fills @digests (32 bytes each) when given. */
static char *
sign_hash_body (const char *auth_json, guint count, guint8 *digests)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "{ %s, \"digestAlgorithm\": \"SHA256\", \"hashes\": [", auth_json);
  for (guint i = 0; i < count; i++)
    {
      guint8 digest[32];
      g_autofree char *b64 = NULL;
      RAND_bytes (digest, sizeof digest);
      if (digests)
        memcpy (digests + 32 * i, digest, 32);
      b64 = g_base64_encode (digest, sizeof digest);
      g_string_append_printf (s, "%s{\"id\": \"doc-%u\", \"hash\": \"%s\"}", i ? ", " : "", i, b64);
    }
  g_string_append (s, "] }");
  return g_string_free (s, FALSE);
}

static char *
passphrase_json (const char *passphrase)
{
  g_autofree char *q = json_quote (passphrase);

  return g_strdup_printf ("\"passphrase\": %s", q);
}

static DsReply *
sign_hashes (Fixture *f, const char *passphrase, guint count, guint8 *digests)
{
  g_autofree char *auth = passphrase_json (passphrase);
  g_autofree char *body = sign_hash_body (auth, count, digests);

  return ds_post (f->h, "/api/v2/sign/hash", f->bearer, body);
}

static X509 *
cert_from_b64 (const char *b64)
{
  gsize len = 0;
  g_autofree guint8 *der = g_base64_decode (b64, &len);
  const guint8 *p = der;

  return d2i_X509 (NULL, &p, (long) len);
}

/* The signature of each digest verifies with the returned signer certificate. */
static void
assert_signatures (DsReply *reply, const guint8 *digests, guint count)
{
  json_object *sigs = member (reply->json, "signatures");
  json_object *chain = member (reply->json, "certificateChain");
  X509 *cert;
  EVP_PKEY *key;

  g_assert_cmpstr (ds_reply_string (reply, "signatureAlgorithm"), ==, "RSA_PKCS1_SHA256");
  g_assert_cmpuint (json_object_array_length (sigs), ==, count);
  g_assert_cmpuint (json_object_array_length (chain), ==, 3);
  cert = cert_from_b64 (json_object_get_string (json_object_array_get_idx (chain, 0)));
  g_assert_nonnull (cert);
  key = X509_get0_pubkey (cert);
  for (guint i = 0; i < count; i++)
    {
      json_object *s = json_object_array_get_idx (sigs, i);
      g_autofree char *id = g_strdup_printf ("doc-%u", i);
      gsize len = 0;
      g_autofree guint8 *sig = g_base64_decode (json_object_get_string (member (s, "signature")), &len);
      EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new (key, NULL);

      g_assert_cmpstr (json_object_get_string (member (s, "id")), ==, id);
      g_assert_cmpint (EVP_PKEY_verify_init (ctx), ==, 1);
      g_assert_cmpint (EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_PKCS1_PADDING), ==, 1);
      g_assert_cmpint (EVP_PKEY_CTX_set_signature_md (ctx, EVP_sha256 ()), ==, 1);
      g_assert_cmpint (EVP_PKEY_verify (ctx, sig, len, digests + 32 * i, 32), ==, 1);
      EVP_PKEY_CTX_free (ctx);
    }
  X509_free (cert);
}

static const char *
status_of (Fixture *f)
{
  static char status[64];
  g_autofree char *body = g_strdup_printf ("{\"nik\": \"%s\"}", ds_harness_account (f->h, "nik"));
  g_autoptr(DsReply) r = ds_post (f->h, "/api/v2/user/check/status", f->basic, body);

  g_assert_cmpint (r->status, ==, 200);
  g_strlcpy (status, ds_reply_string (r, "status"), sizeof status);
  return status;
}

/* ---- login and TOTP ---------------------------------------------------- */

static DsReply *
login (Fixture *f, const char *username, const char *password)
{
  g_autofree char *u = json_quote (username);
  g_autofree char *p = json_quote (password);
  g_autofree char *body = g_strdup_printf ("{\"username\": %s, \"password\": %s}", u, p);

  return ds_post (f->h, "/api/v2/auth/login", NULL, body);
}

static void
test_login (Fixture *f, gconstpointer data)
{
  const char *password = ds_harness_account (f->h, "password");
  g_autoptr(DsReply) ok = login (f, ds_harness_account (f->h, "email"), password);
  g_autoptr(DsReply) wrong = login (f, "demo", "not the password");
  g_autoptr(DsReply) unknown = login (f, "nobody", password);
  json_object *devices;

  g_assert_cmpint (ok->status, ==, 200);
  g_assert_cmpstr (ds_reply_string (ok, "otp"), ==, "REQUIRED");
  g_assert_cmpuint (strlen (ds_reply_string (ok, "loginToken")), >=, 43);
  devices = member (ok->json, "devices");
  g_assert_cmpuint (json_object_array_length (devices), ==, 1);
  g_assert_cmpstr (json_object_get_string (member (json_object_array_get_idx (devices, 0), "id")), ==,
                   ds_harness_account (f->h, "deviceId"));
  assert_error (wrong, 401, "INVALID_CREDENTIALS", 4011);
  assert_error (unknown, 401, "INVALID_CREDENTIALS", 4011);
}

static DsReply *
otp_verify (Fixture *f, const char *login_token, const char *code)
{
  g_autofree char *body = g_strdup_printf ("{\"loginToken\": \"%s\", \"deviceId\": \"%s\", \"code\": \"%s\"}",
                                           login_token, ds_harness_account (f->h, "deviceId"), code);

  return ds_post (f->h, "/api/v2/auth/otp/verify", NULL, body);
}

static void
test_totp_verify (Fixture *f, gconstpointer data)
{
  const char *secret = ds_harness_account (f->h, "totpSecret");
  g_autoptr(DsReply) first = login (f, "demo", ds_harness_account (f->h, "password"));
  g_autoptr(DsReply) second = login (f, "demo", ds_harness_account (f->h, "password"));
  const char *token = ds_reply_string (first, "loginToken");
  gint64 step = ds_totp_step_now () + 1;
  g_autofree char *code = ds_totp (secret, step);
  g_autofree char *far = ds_totp (secret, step + 3);
  g_autoptr(DsReply) wrong = otp_verify (f, token, far);
  g_autoptr(DsReply) ok = otp_verify (f, token, code);
  g_autoptr(DsReply) reused_token = otp_verify (f, token, code);
  g_autoptr(DsReply) replay = otp_verify (f, ds_reply_string (second, "loginToken"), code);
  g_autoptr(DsReply) bogus = otp_verify (f, "not-a-token", code);

  assert_error (wrong, 401, "INVALID_OTP", 4012);
  g_assert_cmpint (ok->status, ==, 200);
  g_assert_cmpint (ds_reply_int (ok, "expiresIn"), ==, 1800);
  g_assert_cmpstr (json_object_get_string (member (member (ok->json, "user"), "nik")), ==,
                   ds_harness_account (f->h, "nik"));
  /* A login token serves once; a code serves once. */
  assert_error (reused_token, 401, "TOKEN_INVALID", 4013);
  assert_error (replay, 401, "INVALID_OTP", 4012);
  assert_error (bogus, 401, "TOKEN_INVALID", 4013);
}

static void
test_totp_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) l = login (f, "demo", ds_harness_account (f->h, "password"));
  g_autofree char *setup_body = g_strdup_printf ("{\"loginToken\": \"%s\"}", ds_reply_string (l, "loginToken"));
  g_autoptr(DsReply) setup = ds_post (f->h, "/api/v2/auth/otp/setup", NULL, setup_body);
  const char *secret = ds_reply_string (setup, "secret");
  g_autofree char *code = ds_totp (secret, ds_totp_step_now ());
  g_autofree char *wrong_body = g_strdup_printf ("{\"loginToken\": \"%s\", \"code\": \"000000\", \"deviceName\": \"HP\"}",
                                                 ds_reply_string (l, "loginToken"));
  g_autofree char *body = g_strdup_printf ("{\"loginToken\": \"%s\", \"code\": \"%s\", \"deviceName\": \"Ponsel Kantor\"}",
                                           ds_reply_string (l, "loginToken"), code);
  g_autoptr(DsReply) wrong = NULL, ok = NULL, again = NULL;

  g_assert_cmpint (setup->status, ==, 200);
  g_assert_true (g_str_has_prefix (ds_reply_string (setup, "otpauthUri"), "otpauth://totp/BSrE:"));
  g_assert_nonnull (strstr (ds_reply_string (setup, "otpauthUri"), secret));
  g_assert_cmpstr (ds_reply_string (setup, "issuer"), ==, "BSrE");
  g_assert_cmpstr (ds_reply_string (setup, "account"), ==, ds_harness_account (f->h, "email"));
  wrong = ds_post (f->h, "/api/v2/auth/otp/register", NULL, g_str_equal (code, "000000") ? body : wrong_body);
  if (!g_str_equal (code, "000000"))
    assert_error (wrong, 401, "INVALID_OTP", 4012);
  ok = ds_post (f->h, "/api/v2/auth/otp/register", NULL, body);
  g_assert_cmpint (ok->status, ==, 200);
  g_assert_nonnull (ds_reply_string (ok, "accessToken"));
  again = login (f, "demo", ds_harness_account (f->h, "password"));
  g_assert_cmpuint (json_object_array_length (member (again->json, "devices")), ==, 2);
}

static void
test_profile_and_logout (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) profile = ds_http (f->h, "GET", "/api/v2/user/profile", f->bearer, NULL, NULL, 0);
  g_autoptr(DsReply) anonymous = ds_http (f->h, "GET", "/api/v2/user/profile", NULL, NULL, NULL, 0);
  g_autoptr(DsReply) out = ds_post (f->h, "/api/v2/auth/logout", f->bearer, "{}");
  g_autoptr(DsReply) after = ds_http (f->h, "GET", "/api/v2/user/profile", f->bearer, NULL, NULL, 0);

  g_assert_cmpint (profile->status, ==, 200);
  g_assert_cmpstr (ds_reply_string (profile, "certificateStatus"), ==, "ISSUE");
  g_assert_cmpstr (ds_reply_string (profile, "email"), ==, ds_harness_account (f->h, "email"));
  g_assert_nonnull (ds_reply_string (profile, "name"));
  g_assert_nonnull (ds_reply_string (profile, "organization"));
  g_assert_cmpint (anonymous->status, ==, 401);
  g_assert_cmpint (out->status, ==, 204);
  assert_error (after, 401, "TOKEN_INVALID", 4013);
}

static void
test_expired_token (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) before = ds_http (f->h, "GET", "/api/v2/user/profile", f->bearer, NULL, NULL, 0);
  g_autoptr(DsReply) after = NULL;

  g_assert_cmpint (before->status, ==, 200);
  /* Thirty minutes pass. */
  g_free (ds_harness_sql (f->h, "UPDATE tokens SET expires = expires - 1801 WHERE kind = 'access'"));
  after = ds_http (f->h, "GET", "/api/v2/user/profile", f->bearer, NULL, NULL, 0);
  assert_error (after, 401, "TOKEN_EXPIRED", 4013);
}

/* ---- status and chain -------------------------------------------------- */

static void
test_status_and_chain (Fixture *f, gconstpointer data)
{
  g_autofree char *email_body = g_strdup_printf ("{\"email\": \"%s\"}", ds_harness_account (f->h, "email"));
  g_autoptr(DsReply) by_email = ds_post (f->h, "/api/v2/user/check/status", f->basic, email_body);
  g_autoptr(DsReply) unknown = ds_post (f->h, "/api/v2/user/check/status", f->basic, "{\"nik\": \"9999\"}");
  g_autoptr(DsReply) neither = ds_post (f->h, "/api/v2/user/check/status", f->basic, "{}");
  g_autofree char *path = g_strdup_printf ("/api/v2/user/certificate/chain/%s", ds_harness_account (f->h, "nik"));
  g_autoptr(DsReply) chain = ds_http (f->h, "GET", path, f->basic, NULL, NULL, 0);
  g_autoptr(DsReply) no_chain = ds_http (f->h, "GET", "/api/v2/user/certificate/chain/nobody", f->basic, NULL, NULL, 0);
  json_object *data_array;
  X509 *signer, *root;
  char cn[256];

  g_assert_cmpstr (status_of (f), ==, "ISSUE");
  g_assert_cmpint (ds_reply_int (by_email, "status_code"), ==, 1111);
  g_assert_nonnull (strstr (ds_reply_string (by_email, "message"), "ISSUE"));
  g_assert_cmpint (unknown->status, ==, 200);
  g_assert_cmpstr (ds_reply_string (unknown, "status"), ==, "NOT_REGISTERED");
  g_assert_cmpint (ds_reply_int (unknown, "status_code"), ==, 2011);
  /* A body naming nobody: 200 with 2011, as the real service answers. */
  g_assert_cmpint (neither->status, ==, 200);
  g_assert_cmpint (ds_reply_int (neither, "status_code"), ==, 2011);

  g_assert_cmpint (chain->status, ==, 200);
  data_array = member (chain->json, "data");
  g_assert_cmpuint (json_object_array_length (data_array), ==, 3);
  signer = cert_from_b64 (json_object_get_string (json_object_array_get_idx (data_array, 0)));
  root = cert_from_b64 (json_object_get_string (json_object_array_get_idx (data_array, 2)));
  g_assert_true ((X509_get_key_usage (signer) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION))
                 == (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION));
  X509_NAME_get_text_by_NID (X509_get_subject_name (root), NID_commonName, cn, sizeof cn);
  g_assert_cmpstr (cn, ==, "Root CA Indonesia DS G1 (DEV)");
  X509_free (signer);
  X509_free (root);
  /* The real service's unknown id: 400 with a body that is not JSON. */
  g_assert_cmpint (no_chain->status, ==, 400);
  g_assert_null (no_chain->json);
}

/* ---- signing ----------------------------------------------------------- */

static void
test_sign_hash_passphrase (Fixture *f, gconstpointer data)
{
  guint8 digests[32 * 100];
  g_autoptr(DsReply) hundred = sign_hashes (f, ds_harness_account (f->h, "passphrase"), 100, digests);
  g_autoptr(DsReply) too_many = sign_hashes (f, ds_harness_account (f->h, "passphrase"), 101, NULL);
  g_autoptr(DsReply) anonymous = NULL;
  g_autofree char *auth = passphrase_json (ds_harness_account (f->h, "passphrase"));
  g_autofree char *body = sign_hash_body (auth, 1, NULL);
  g_autofree char *no_auth = sign_hash_body ("\"x\": 1", 1, NULL);
  g_autoptr(DsReply) missing = ds_post (f->h, "/api/v2/sign/hash", f->bearer, no_auth);
  g_autofree char *sha1 = g_strdup_printf ("{%s, \"digestAlgorithm\": \"SHA1\", \"hashes\": []}", auth);
  g_autoptr(DsReply) wrong_alg = ds_post (f->h, "/api/v2/sign/hash", f->bearer, sha1);
  g_autofree char *audit = NULL;

  g_assert_cmpint (hundred->status, ==, 200);
  assert_signatures (hundred, digests, 100);
  assert_error (too_many, 400, "BAD_REQUEST", 4000);
  assert_error (missing, 400, "BAD_REQUEST", 4000);
  assert_error (wrong_alg, 400, "BAD_REQUEST", 4000);
  anonymous = ds_post (f->h, "/api/v2/sign/hash", NULL, body);
  assert_error (anonymous, 401, "TOKEN_INVALID", 4013);
  audit = ds_harness_sql (f->h, "SELECT count(*) FROM audit WHERE action = 'sign-hash'");
  g_assert_cmpstr (audit, ==, "1");
}

static void
test_sign_hash_email_otp (Fixture *f, gconstpointer data)
{
  g_autofree char *request = g_strdup_printf ("{\"email\": \"%s\", \"data\": 2}", ds_harness_account (f->h, "email"));
  g_autofree char *basic = ds_harness_basic (f->h, NULL);
  g_autoptr(DsReply) sent = ds_post (f->h, "/api/v2/sign/get/totp", basic, request);
  g_autoptr(DsReply) unknown = ds_post (f->h, "/api/v2/sign/get/totp", basic, "{\"email\": \"x@y.go.id\"}");
  g_autofree char *code = ds_harness_mail_value (f->h, "Kode OTP penandatanganan anda: ");
  g_autofree char *auth = NULL;
  g_autofree char *body = NULL;
  g_autofree char *alias = NULL;
  guint8 digests[64];
  g_autoptr(DsReply) ok = NULL, replay = NULL, otp_alias = NULL;

  g_assert_cmpint (sent->status, ==, 200);
  g_assert_true (json_object_get_boolean (member (sent->json, "success")));
  /* The real service's code for a signer it does not know. */
  assert_error (unknown, 404, "NOT_FOUND", 2011);
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), ==, 6);
  auth = g_strdup_printf ("\"totp\": \"%s\"", code);
  body = sign_hash_body (auth, 2, digests);
  ok = ds_post (f->h, "/api/v2/sign/hash", f->bearer, body);
  g_assert_cmpint (ok->status, ==, 200);
  assert_signatures (ok, digests, 2);
  replay = ds_post (f->h, "/api/v2/sign/hash", f->bearer, body);
  assert_error (replay, 401, "INVALID_OTP", 4012);
  /* "otp" is the manual's other name for the same field. */
  g_clear_pointer (&sent, ds_reply_free);
  sent = ds_post (f->h, "/api/v2/sign/get/totp", basic, request);
  g_free (code);
  code = ds_harness_mail_value (f->h, "Kode OTP penandatanganan anda: ");
  g_free (auth);
  auth = g_strdup_printf ("\"otp\": \"%s\"", code);
  alias = sign_hash_body (auth, 1, NULL);
  otp_alias = ds_post (f->h, "/api/v2/sign/hash", f->bearer, alias);
  g_assert_cmpint (otp_alias->status, ==, 200);
}

static void
test_lockout (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) locked = NULL, still = NULL;

  for (int left = 4; left >= 1; left--)
    {
      g_autoptr(DsReply) wrong = sign_hashes (f, "salah sekali", 1, NULL);
      assert_error (wrong, 400, "INVALID_PASSPHRASE", 2031);
      g_assert_cmpstr (ds_reply_string (wrong, "error"), ==, "Passphrase anda salah");
      g_assert_cmpint (ds_reply_int (wrong, "attemptsLeft"), ==, left);
    }
  locked = sign_hashes (f, "salah sekali", 1, NULL);
  assert_error (locked, 403, "LOCKED", 4031);
  g_assert_cmpint (ds_reply_int (locked, "retryAfter"), >, 800);
  /* The right passphrase does not open a locked account. */
  still = sign_hashes (f, ds_harness_account (f->h, "passphrase"), 1, NULL);
  assert_error (still, 403, "LOCKED", 4031);
}

/* ---- PKI: TSA, OCSP, CRL ----------------------------------------------- */

static char *
write_ca (Fixture *f, const char *name)
{
  g_autofree char *path = g_strdup_printf ("/ca/%s.crt", name);
  g_autoptr(DsReply) r = ds_http (f->h, "GET", path, NULL, NULL, NULL, 0);
  g_autofree char *file = g_strdup_printf ("%s/%s.der", f->h->root, name);
  g_autofree char *pem_file = g_strdup_printf ("%s/%s.pem", f->h->root, name);
  const char *argv[] = { "openssl", "x509", "-inform", "DER", "-in", file, "-out", pem_file, NULL };

  g_assert_cmpint (r->status, ==, 200);
  g_assert_cmpstr (r->content_type, ==, "application/pkix-cert");
  g_assert_true (g_file_set_contents (file, r->body, (gssize) r->length, NULL));
  g_assert_cmpint (ds_run (argv, NULL, NULL), ==, 0);
  return g_steal_pointer (&pem_file);
}

static void
test_tsa (Fixture *f, gconstpointer data)
{
  g_autofree char *root = write_ca (f, "root");
  g_autofree char *ca = write_ca (f, "ca");
  g_autofree char *doc = g_build_filename (f->h->root, "doc.txt", NULL);
  g_autofree char *query = g_build_filename (f->h->root, "q.tsq", NULL);
  g_autofree char *reply_path = g_build_filename (f->h->root, "r.tsr", NULL);
  const char *make[] = { "openssl", "ts", "-query", "-data", doc, "-sha256", "-cert", "-out", query, NULL };
  const char *check[] = { "openssl", "ts", "-verify", "-data", doc, "-in", reply_path, "-CAfile", root,
                          "-untrusted", ca, NULL };
  const char *show[] = { "openssl", "ts", "-reply", "-in", reply_path, "-text", NULL };
  g_autofree char *q = NULL;
  g_autofree char *output = NULL;
  gsize q_len;
  g_autoptr(DsReply) r = NULL, junk = NULL;

  g_assert_true (g_file_set_contents (doc, "dokumen untuk dicap waktu", -1, NULL));
  g_assert_cmpint (ds_run (make, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (query, &q, &q_len, NULL));
  r = ds_http (f->h, "POST", "/tsa", NULL, "application/timestamp-query", q, q_len);
  g_assert_cmpint (r->status, ==, 200);
  g_assert_cmpstr (r->content_type, ==, "application/timestamp-reply");
  g_assert_true (g_file_set_contents (reply_path, r->body, (gssize) r->length, NULL));
  g_assert_cmpint (ds_run (check, NULL, &output), ==, 0);
  g_assert_nonnull (strstr (output, "Verification: OK"));
  /* RFC 3161 answers a malformed query with a TimeStampResp whose status
   * is rejection. */
  junk = ds_http (f->h, "POST", "/tsa", NULL, "application/timestamp-query", "junk", 4);
  g_assert_cmpint (junk->status, ==, 200);
  g_assert_true (g_file_set_contents (reply_path, junk->body, (gssize) junk->length, NULL));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (ds_run (show, NULL, &output), ==, 0);
  g_assert_nonnull (strstr (output, "Status: Rejected"));
}

static char *
write_signer (Fixture *f)
{
  g_autofree char *path = g_strdup_printf ("/api/v2/user/certificate/chain/%s", ds_harness_account (f->h, "nik"));
  g_autoptr(DsReply) chain = ds_http (f->h, "GET", path, f->basic, NULL, NULL, 0);
  X509 *cert = cert_from_b64 (json_object_get_string (json_object_array_get_idx (member (chain->json, "data"), 0)));
  char *file = g_build_filename (f->h->root, "signer.pem", NULL);
  FILE *out = fopen (file, "w");

  PEM_write_X509 (out, cert);
  fclose (out);
  X509_free (cert);
  return file;
}

static char *
ocsp_answer (Fixture *f)
{
  g_autofree char *root = write_ca (f, "root");
  g_autofree char *ca = write_ca (f, "ca");
  g_autofree char *signer = write_signer (f);
  g_autofree char *url = g_strconcat (f->h->base_url, "/ocsp", NULL);
  const char *argv[] = { "openssl", "ocsp", "-issuer", ca, "-cert", signer, "-url", url, "-CAfile", root,
                         "-timeout", "20", NULL };
  char *output = NULL;

  g_assert_cmpint (ds_run (argv, NULL, &output), ==, 0);
  g_assert_nonnull (strstr (output, "Response verify OK"));
  return output;
}

static char *
crl_text (Fixture *f)
{
  g_autoptr(DsReply) crl = ds_http (f->h, "GET", "/crl/ca.crl", NULL, NULL, NULL, 0);
  g_autofree char *file = g_build_filename (f->h->root, "ca.crl", NULL);
  const char *argv[] = { "openssl", "crl", "-inform", "DER", "-in", file, "-noout", "-text", NULL };
  char *output = NULL;

  g_assert_cmpint (crl->status, ==, 200);
  g_assert_true (g_file_set_contents (file, crl->body, (gssize) crl->length, NULL));
  g_assert_cmpint (ds_run (argv, NULL, &output), ==, 0);
  return output;
}

static char *
signer_serial_hex (Fixture *f)
{
  g_autofree char *signer = write_signer (f);
  const char *argv[] = { "openssl", "x509", "-in", signer, "-noout", "-serial", NULL };
  g_autofree char *output = NULL;

  g_assert_cmpint (ds_run (argv, NULL, &output), ==, 0);
  g_strstrip (output);
  return g_strdup (output + strlen ("serial="));
}

static DsReply *
revoke_cert (Fixture *f, const char *reason, const char *passphrase)
{
  g_autofree char *p = json_quote (passphrase);
  g_autofree char *body = g_strdup_printf ("{\"reason\": \"%s\", \"passphrase\": %s}", reason, p);

  return ds_post (f->h, "/api/v2/user/certificate/revoke", f->bearer, body);
}

static void
test_revocation (Fixture *f, gconstpointer data)
{
  const char *passphrase = ds_harness_account (f->h, "passphrase");
  g_autofree char *good = ocsp_answer (f);
  g_autofree char *serial = signer_serial_hex (f);
  g_autofree char *crl_before = crl_text (f);
  g_autoptr(DsReply) bad_reason = revoke_cert (f, "bosan", passphrase);
  g_autoptr(DsReply) bad_pass = revoke_cert (f, "keyCompromise", "salah sekali");
  g_autoptr(DsReply) ok = revoke_cert (f, "keyCompromise", passphrase);
  g_autofree char *revoked = NULL;
  g_autofree char *crl_after = NULL;
  g_autoptr(DsReply) refused = NULL;

  g_assert_nonnull (strstr (good, ": good"));
  g_assert_null (strstr (crl_before, serial));
  assert_error (bad_reason, 400, "BAD_REQUEST", 4000);
  assert_error (bad_pass, 400, "INVALID_PASSPHRASE", 2031);
  g_assert_cmpint (ok->status, ==, 200);
  g_assert_nonnull (ds_reply_string (ok, "revokedAt"));
  g_assert_cmpstr (status_of (f), ==, "REVOKE");
  revoked = ocsp_answer (f);
  g_assert_nonnull (strstr (revoked, ": revoked"));
  g_assert_nonnull (strstr (revoked, "Reason: keyCompromise"));
  crl_after = crl_text (f);
  g_assert_nonnull (strstr (crl_after, serial));
  refused = sign_hashes (f, passphrase, 1, NULL);
  assert_error (refused, 409, "CERTIFICATE_NOT_ACTIVE", 4091);
  g_assert_cmpstr (ds_reply_string (refused, "status"), ==, "REVOKE");
}

/* ---- certificate management -------------------------------------------- */

static void
test_issue (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) rev = revoke_cert (f, "superseded", ds_harness_account (f->h, "passphrase"));
  g_autoptr(DsReply) issue = ds_post (f->h, "/api/v2/user/certificate/issue", f->bearer, "{}");
  g_autofree char *token = ds_harness_mail_value (f->h, "Token: ");
  g_autofree char *weak = g_strdup_printf ("{\"token\": \"%s\", \"passphrase\": \"pendek\"}", token);
  g_autofree char *body = g_strdup_printf ("{\"token\": \"%s\", \"passphrase\": \"passphrase baru 2026\"}", token);
  g_autoptr(DsReply) too_weak = ds_post (f->h, "/api/v2/user/certificate/issue/confirm", NULL, weak);
  g_autoptr(DsReply) confirmed = NULL, reused = NULL, signed_new = NULL;

  g_assert_cmpint (rev->status, ==, 200);
  g_assert_cmpint (issue->status, ==, 202);
  g_assert_cmpstr (ds_reply_string (issue, "sentTo"), ==, "d***@besign-dev.go.id");
  g_assert_cmpstr (status_of (f), ==, "WAITING_FOR_VERIFICATION");
  assert_error (too_weak, 400, "BAD_REQUEST", 4000);
  confirmed = ds_post (f->h, "/api/v2/user/certificate/issue/confirm", NULL, body);
  g_assert_cmpint (confirmed->status, ==, 201);
  g_assert_cmpstr (status_of (f), ==, "ISSUE");
  reused = ds_post (f->h, "/api/v2/user/certificate/issue/confirm", NULL, body);
  assert_error (reused, 401, "TOKEN_INVALID", 4013);
  signed_new = sign_hashes (f, "passphrase baru 2026", 1, NULL);
  g_assert_cmpint (signed_new->status, ==, 200);
}

static DsReply *
change_passphrase (Fixture *f, const char *old, const char *new_pass)
{
  g_autofree char *o = json_quote (old);
  g_autofree char *n = json_quote (new_pass);
  g_autofree char *body = g_strdup_printf ("{\"oldPassphrase\": %s, \"newPassphrase\": %s}", o, n);

  return ds_post (f->h, "/api/v2/user/passphrase/change", f->bearer, body);
}

static void
test_passphrase_change (Fixture *f, gconstpointer data)
{
  const char *old = ds_harness_account (f->h, "passphrase");
  g_autoptr(DsReply) wrong_old = change_passphrase (f, "salah sekali", "passphrase baru 2026");
  g_autoptr(DsReply) weak = change_passphrase (f, old, "pendek");
  g_autoptr(DsReply) same = change_passphrase (f, old, old);
  g_autoptr(DsReply) ok = change_passphrase (f, old, "passphrase baru 2026");
  g_autoptr(DsReply) with_new = sign_hashes (f, "passphrase baru 2026", 1, NULL);
  g_autoptr(DsReply) with_old = sign_hashes (f, old, 1, NULL);

  assert_error (wrong_old, 403, "INVALID_PASSPHRASE", 2031);
  assert_error (weak, 400, "BAD_REQUEST", 4000);
  assert_error (same, 400, "BAD_REQUEST", 4000);
  g_assert_cmpint (ok->status, ==, 204);
  g_assert_cmpint (with_new->status, ==, 200);
  assert_error (with_old, 400, "INVALID_PASSPHRASE", 2031);
}

static void
test_passphrase_reset (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) reset = ds_post (f->h, "/api/v2/user/passphrase/reset", f->bearer, "{}");
  g_autofree char *token = ds_harness_mail_value (f->h, "Token: ");
  g_autofree char *body = g_strdup_printf ("{\"token\": \"%s\", \"newPassphrase\": \"hasil atur ulang 1\"}", token);
  g_autoptr(DsReply) confirm = ds_post (f->h, "/api/v2/user/passphrase/reset/confirm", NULL, body);
  g_autoptr(DsReply) bogus = ds_post (f->h, "/api/v2/user/passphrase/reset/confirm", NULL,
                                      "{\"token\": \"bogus\", \"newPassphrase\": \"hasil atur ulang 2\"}");
  g_autoptr(DsReply) signed_new = sign_hashes (f, "hasil atur ulang 1", 1, NULL);

  g_assert_cmpint (reset->status, ==, 202);
  g_assert_nonnull (ds_reply_string (reset, "sentTo"));
  g_assert_cmpint (confirm->status, ==, 204);
  assert_error (bogus, 401, "TOKEN_INVALID", 4013);
  g_assert_cmpint (signed_new->status, ==, 200);
}

/* ---- Esign v2 documents ------------------------------------------------- */

static char *
basic_auth (Fixture *f, const char *password)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", ds_harness_account (f->h, "integrationUser"), password);
  g_autofree char *b64 = g_base64_encode ((const guint8 *) pair, strlen (pair));

  return g_strconcat ("Basic ", b64, NULL);
}

static char *
sample_pdf_b64 (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "data", "demo", "sample.pdf", NULL);
  g_autofree char *pdf = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &pdf, &len, NULL));
  return g_base64_encode ((const guint8 *) pdf, len);
}

static DsReply *
sign_pdf (Fixture *f, const char *auth, const char *pdf_b64)
{
  g_autofree char *p = passphrase_json (ds_harness_account (f->h, "passphrase"));
  g_autofree char *body = g_strdup_printf ("{\"nik\": \"%s\", %s, \"signatureProperties\": [{\"tampilan\": \"VISIBLE\","
                                           " \"page\": 1, \"originX\": 72, \"originY\": 72, \"width\": 160, \"height\": 60,"
                                           " \"reason\": \"Uji integrasi\", \"location\": \"Jakarta\"}],"
                                           " \"file\": [\"%s\"]}", ds_harness_account (f->h, "nik"), p, pdf_b64);

  return ds_post (f->h, "/api/v2/sign/pdf", auth, body);
}

static void
test_sign_and_verify_pdf (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = sample_pdf_b64 ();
  g_autofree char *basic = basic_auth (f, ds_harness_account (f->h, "integrationPassword"));
  g_autofree char *wrong = basic_auth (f, "bukan sandinya");
  g_autoptr(DsReply) signed_basic = sign_pdf (f, basic, pdf);
  g_autoptr(DsReply) signed_bearer = sign_pdf (f, f->bearer, pdf);
  g_autoptr(DsReply) refused = sign_pdf (f, wrong, pdf);
  json_object *files;
  const char *out_b64;
  g_autofree char *verify_body = NULL;
  g_autoptr(DsReply) verdict = NULL;
  g_autoptr(DsReply) unsigned_verdict = NULL;
  g_autoptr(DsReply) not_pdf = ds_post (f->h, "/api/v2/verify/pdf", basic, "{\"file\": \"bm90IGEgcGRm\"}");
  g_autofree char *signed_path = g_build_filename (f->h->root, "signed.pdf", NULL);
  g_autofree guint8 *signed_pdf = NULL;
  g_autofree char *plain_body = NULL;
  g_autofree char *pdfsig = NULL;
  const char *argv[] = { "pdfsig", signed_path, NULL };
  gsize len;

  if (signed_basic->status != 200)
    g_error ("sign/pdf: %ld %s", signed_basic->status, signed_basic->body);
  files = member (signed_basic->json, "file");
  out_b64 = json_object_get_string (json_object_array_get_idx (files, 0));
  verify_body = g_strdup_printf ("{\"file\": \"%s\"}", out_b64);
  verdict = ds_post (f->h, "/api/v2/verify/pdf", basic, verify_body);
  g_assert_cmpint (ds_reply_int (signed_basic, "time"), >=, 0);
  g_assert_cmpuint (json_object_array_length (files), ==, 1);
  g_assert_cmpint (signed_bearer->status, ==, 200);
  /* Spring's own 401 shape for wrong Basic credentials. */
  g_assert_cmpint (refused->status, ==, 401);
  g_assert_cmpint (ds_reply_int (refused, "status"), ==, 401);
  g_assert_nonnull (ds_reply_string (refused, "timestamp"));
  g_assert_cmpstr (ds_reply_string (refused, "path"), ==, "/api/v2/sign/pdf");

  signed_pdf = g_base64_decode (out_b64, &len);
  g_assert_true (g_file_set_contents (signed_path, (const char *) signed_pdf, (gssize) len, NULL));
  g_assert_cmpint (ds_run (argv, NULL, &pdfsig), ==, 0);
  g_assert_nonnull (strstr (pdfsig, "Signature is Valid."));

  g_assert_cmpint (verdict->status, ==, 200);
  g_assert_cmpstr (ds_reply_string (verdict, "conclusion"), ==, "VALID");
  g_assert_cmpint (ds_reply_int (verdict, "signatureCount"), ==, 1);
  plain_body = g_strdup_printf ("{\"file\": \"%s\"}", pdf);
  unsigned_verdict = ds_post (f->h, "/api/v2/verify/pdf", basic, plain_body);
  g_assert_cmpstr (ds_reply_string (unsigned_verdict, "conclusion"), ==, "NO_SIGNATURE");
  /* The real service answers an invalid PDF with a 500. */
  g_assert_cmpint (not_pdf->status, ==, 500);
}

/* ---- malformed and oversize requests ------------------------------------ */

static void
test_bad_requests (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) not_json = ds_post (f->h, "/api/v2/auth/login", NULL, "{\"username\": ");
  g_autoptr(DsReply) array = ds_post (f->h, "/api/v2/auth/login", NULL, "[1, 2]");
  g_autoptr(DsReply) wrong_type = ds_post (f->h, "/api/v2/auth/login", NULL, "{\"username\": 5, \"password\": \"x\"}");
  g_autoptr(DsReply) missing = ds_post (f->h, "/api/v2/auth/login", NULL, "{\"username\": \"demo\"}");
  g_autoptr(DsReply) no_route = ds_http (f->h, "GET", "/api/v2/nothing", NULL, NULL, NULL, 0);
  gsize size = 65u * 1024 * 1024;
  g_autofree char *huge = g_malloc (size);
  g_autoptr(DsReply) too_large = NULL, alive = NULL;

  assert_error (not_json, 400, "BAD_REQUEST", 4000);
  assert_error (array, 400, "BAD_REQUEST", 4000);
  assert_error (wrong_type, 400, "BAD_REQUEST", 4000);
  g_assert_nonnull (strstr (ds_reply_string (wrong_type, "error"), "username"));
  assert_error (missing, 400, "BAD_REQUEST", 4000);
  g_assert_nonnull (strstr (ds_reply_string (missing, "error"), "password"));
  g_assert_cmpint (no_route->status, ==, 404);
  memset (huge, ' ', size);
  too_large = ds_http (f->h, "POST", "/api/v2/verify/pdf", NULL, "application/json", huge, size);
  assert_error (too_large, 413, "TOO_LARGE", 4131);
  alive = ds_http (f->h, "GET", "/api/v2/user/profile", f->bearer, NULL, NULL, 0);
  g_assert_cmpint (alive->status, ==, 200);
}

/* ---- process life ------------------------------------------------------- */

static void
test_restart_keeps_state (Fixture *f, gconstpointer data)
{
  g_autofree char *root_before = write_ca (f, "root");
  g_autofree char *pem_before = NULL;
  g_autofree char *pem_after = NULL;
  g_autofree char *root_after = NULL;
  g_autoptr(DsReply) signed_after = NULL;
  g_autofree char *logs = NULL;
  int status;

  g_autofree char *url_before = g_strdup (f->h->base_url);

  g_assert_true (g_file_get_contents (root_before, &pem_before, NULL, NULL));
  status = ds_harness_stop (f->h, SIGTERM);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  ds_harness_restart (f->h);
  /* Back on the port its certificates' OCSP and CRL addresses name. */
  g_assert_cmpstr (f->h->base_url, ==, url_before);
  root_after = write_ca (f, "root");
  g_assert_true (g_file_get_contents (root_after, &pem_after, NULL, NULL));
  g_assert_cmpstr (pem_before, ==, pem_after);
  g_free (f->bearer);
  f->bearer = ds_harness_login (f->h);
  signed_after = sign_hashes (f, ds_harness_account (f->h, "passphrase"), 1, NULL);
  g_assert_cmpint (signed_after->status, ==, 200);
  /* Log lines name routes, never secrets (the demo banner aside, which
   * prints the throw-away password on purpose). */
  logs = ds_harness_logs (f->h);
  g_assert_null (strstr (logs, ds_harness_account (f->h, "passphrase")));
  g_assert_null (strstr (logs, f->bearer + strlen ("Bearer ")));
}

static void
test_listen_refuses_remote (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("besign-ds-listen-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (tmp, "data", NULL);
  const char *argv[] = { g_getenv ("BESIGN_DEVSERVER"), "--data-dir", data, "--listen", "0.0.0.0", NULL };
  g_autofree char *output = NULL;

  g_assert_cmpint (ds_run (argv, NULL, &output), ==, 2);
  g_assert_nonnull (strstr (output, "loopback"));
  /* Refused before anything was written. */
  g_assert_false (g_file_test (data, G_FILE_TEST_EXISTS));
  g_rmdir (tmp);
}

static void
test_tls (void)
{
  DsHarness *h = ds_harness_start (TRUE);
  g_autoptr(DsReply) trusted = NULL;

  g_assert_true (g_str_has_prefix (h->base_url, "https://127.0.0.1:"));
  trusted = ds_http (h, "GET", "/ca/root.crt", NULL, NULL, NULL, 0);
  g_assert_cmpint (trusted->status, ==, 200);
  /* Without the server's certificate as anchor, curl must refuse. */
  h->tls = FALSE;
  {
    g_autoptr(DsReply) untrusted = ds_http (h, "GET", "/ca/root.crt", NULL, NULL, NULL, 0);
    g_assert_cmpint (untrusted->status, ==, 0);
  }
  ds_harness_free (h);
}

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/devserver/login", test_login);
  ADD ("/devserver/totp-verify", test_totp_verify);
  ADD ("/devserver/totp-setup", test_totp_setup);
  ADD ("/devserver/profile-logout", test_profile_and_logout);
  ADD ("/devserver/expired-token", test_expired_token);
  ADD ("/devserver/status-chain", test_status_and_chain);
  ADD ("/devserver/sign-hash-passphrase", test_sign_hash_passphrase);
  ADD ("/devserver/sign-hash-email-otp", test_sign_hash_email_otp);
  ADD ("/devserver/lockout", test_lockout);
  ADD ("/devserver/tsa", test_tsa);
  ADD ("/devserver/revocation", test_revocation);
  ADD ("/devserver/issue", test_issue);
  ADD ("/devserver/passphrase-change", test_passphrase_change);
  ADD ("/devserver/passphrase-reset", test_passphrase_reset);
  ADD ("/devserver/sign-verify-pdf", test_sign_and_verify_pdf);
  ADD ("/devserver/bad-requests", test_bad_requests);
  ADD ("/devserver/restart", test_restart_keeps_state);
  g_test_add_func ("/devserver/listen-loopback-only", test_listen_refuses_remote);
  g_test_add_func ("/devserver/tls", test_tls);
  return g_test_run ();
}
