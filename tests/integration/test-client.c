/* test-client.c — the BSrE client layer (src/core/api) and besign-cli's
 * account commands against a real besign-devserver, and against a small
 * misbehaving server for the faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"

#include "bs-bsre-account.h"
#include "bs-bsre-certificate.h"
#include "bs-bsre-signing.h"
#include "bs-sign.h"
#include "bs-signer-remote.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <openssl/rand.h>
#include <string.h>

typedef struct {
  DsHarness     *h;
  BsBsreSession *session;
  BsBsreUser    *user;
} Fixture;

static BsSecret *
secret (const char *text)
{
  return bs_secret_new (text, strlen (text));
}

static BsSecret *
account_secret (DsHarness *h, const char *key)
{
  return secret (ds_harness_account (h, key));
}

/* Password, then the demo device's TOTP code: a logged-in session. */
static BsBsreUser *
log_in (DsHarness *h, BsBsreSession *session)
{
  g_autoptr(BsSecret) password = account_secret (h, "password");
  g_autoptr(GError) error = NULL;
  g_autoptr(BsBsreLogin) login = bs_bsre_login (session, "demo", password, NULL, &error);
  g_autofree char *code_text = NULL;
  g_autoptr(BsSecret) code = NULL;
  BsBsreUser *user;

  g_assert_no_error (error);
  g_assert_false (login->setup_required);
  code_text = ds_harness_next_code (h);
  code = secret (code_text);
  user = bs_bsre_otp_verify (session, login, ds_harness_account (h, "deviceId"), code, NULL, &error);
  g_assert_no_error (error);
  return user;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->h = ds_harness_start (FALSE);
  f->session = bs_bsre_session_new (f->h->base_url, NULL, &error);
  g_assert_no_error (error);
  f->user = log_in (f->h, f->session);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  bs_bsre_user_free (f->user);
  bs_bsre_session_free (f->session);
  ds_harness_free (f->h);
}

static GPtrArray *
random_hashes (guint n)
{
  GPtrArray *hashes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < n; i++)
    {
      guint8 *digest = g_malloc (32);
      RAND_bytes (digest, 32);
      g_ptr_array_add (hashes, g_bytes_new_take (digest, 32));
    }
  return hashes;
}

static BsBsreSignedHashes *
sign_with_passphrase (Fixture *f, const char *passphrase, guint n, GError **error)
{
  g_autoptr(BsSecret) pass = secret (passphrase);
  g_autoptr(GPtrArray) hashes = random_hashes (n);
  BsBsreSigningAuth auth = { pass, NULL };

  return bs_bsre_sign_hashes (f->session, &auth, hashes, NULL, error);
}

/* ---- account ------------------------------------------------------------ */

static void
test_login_and_profile (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsSecret) wrong = secret ("not the password");
  g_autoptr(BsBsreLogin) refused = NULL;
  g_autoptr(BsBsreUser) profile = bs_bsre_profile (f->session, NULL, &error);
  g_autoptr(BsBsreUser) after = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (f->user->nik, ==, ds_harness_account (f->h, "nik"));
  g_assert_cmpstr (profile->email, ==, ds_harness_account (f->h, "email"));
  g_assert_cmpstr (profile->certificate_status, ==, "ISSUE");
  refused = bs_bsre_login (f->session, "demo", wrong, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  g_assert_true (bs_bsre_logout (f->session, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (bs_bsre_session_is_logged_in (f->session));
  after = bs_bsre_profile (f->session, NULL, &error);
  g_assert_null (after);
  g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED);
}

static void
test_otp_setup_and_wrong_code (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsSecret) password = account_secret (f->h, "password");
  g_autoptr(BsBsreLogin) login = bs_bsre_login (f->session, ds_harness_account (f->h, "email"), password, NULL, &error);
  g_autoptr(BsBsreOtpSetup) setup = bs_bsre_otp_setup (f->session, login, NULL, &error);
  g_autofree char *code_text = ds_totp (bs_secret_get (setup->secret), ds_totp_step_now ());
  g_autoptr(BsSecret) code = secret (code_text);
  g_autoptr(BsSecret) wrong = secret (g_str_equal (code_text, "111111") ? "222222" : "111111");
  g_autoptr(BsBsreUser) refused = bs_bsre_otp_register (f->session, login, wrong, "Tablet", NULL, &error);
  g_autoptr(BsBsreUser) user = NULL;
  g_autoptr(BsBsreLogin) again = NULL;

  g_assert_true (g_str_has_prefix (setup->otpauth_uri, "otpauth://totp/"));
  g_assert_null (refused);
  g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_OTP);
  g_clear_error (&error);
  user = bs_bsre_otp_register (f->session, login, code, "Tablet", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->email, ==, ds_harness_account (f->h, "email"));
  again = bs_bsre_login (f->session, "demo", password, NULL, &error);
  g_assert_cmpuint (again->devices->len, ==, 2);
}

static void
test_status_and_chain (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsBsreStatus) status = bs_bsre_check_status (f->session, f->user->nik, NULL, &error);
  g_autoptr(BsBsreStatus) unknown = bs_bsre_check_status (f->session, "nobody@nowhere.go.id", NULL, &error);
  g_autoptr(GPtrArray) chain = bs_bsre_certificate_chain (f->session, f->user->email, NULL, &error);
  g_autoptr(GPtrArray) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (status->status, ==, "ISSUE");
  g_assert_cmpint (status->status_code, ==, 1111);
  g_assert_cmpstr (unknown->status, ==, "NOT_REGISTERED");
  g_assert_cmpuint (chain->len, ==, 3);
  /* The real service's non-JSON 400 for an unknown id. */
  none = bs_bsre_certificate_chain (f->session, "nobody", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_BAD_REQUEST);
}

/* ---- signing -------------------------------------------------------------- */

static void
test_sign_hashes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsBsreSignedHashes) signed_hashes = sign_with_passphrase (f, ds_harness_account (f->h, "passphrase"), 100, &error);
  g_autofree char *code_text = NULL;
  g_autoptr(BsSecret) code = NULL;
  g_autoptr(GPtrArray) hashes = random_hashes (2);
  g_autoptr(BsBsreSignedHashes) by_otp = NULL;
  g_autoptr(BsBsreSignedHashes) replayed = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (signed_hashes->signatures->len, ==, 100);
  g_assert_cmpuint (signed_hashes->chain->len, ==, 3);
  g_assert_cmpstr (signed_hashes->algorithm, ==, "RSA_PKCS1_SHA256");
  g_assert_true (bs_bsre_request_email_otp (f->session, f->user->email, 2, NULL, &error));
  code_text = ds_harness_mail_value (f->h, "Kode OTP penandatanganan anda: ");
  code = secret (code_text);
  {
    BsBsreSigningAuth auth = { NULL, code };
    by_otp = bs_bsre_sign_hashes (f->session, &auth, hashes, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (by_otp->signatures->len, ==, 2);
    replayed = bs_bsre_sign_hashes (f->session, &auth, hashes, NULL, &error);
    g_assert_null (replayed);
    g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_OTP);
  }
}

static void
test_wrong_passphrase_and_lockout (Fixture *f, gconstpointer data)
{
  for (int left = 4; left >= 1; left--)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BsBsreSignedHashes) none = sign_with_passphrase (f, "salah", 1, &error);
      g_autofree char *count = g_strdup_printf ("%d", left);
      g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_PASSPHRASE);
      g_assert_nonnull (strstr (error->message, count));
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BsBsreSignedHashes) none = sign_with_passphrase (f, "salah", 1, &error);
    g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_LOCKED);
    g_assert_nonnull (strstr (error->message, "15"));
  }
}

static char *
make_inputs (DsHarness *h, guint n)
{
  g_autofree char *sample = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "data", "demo", "sample.pdf", NULL);
  char *dir = g_build_filename (h->root, "in", NULL);
  g_autofree char *pdf = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (sample, &pdf, &len, NULL));
  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/dokumen-%03u.pdf", dir, i);
      g_assert_true (g_file_set_contents (path, pdf, (gssize) len, NULL));
    }
  return dir;
}

static GPtrArray *
list_pdfs (const char *dir)
{
  GPtrArray *files = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".pdf"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  return files;
}

/* besign-cli verify --online (the dev server's OCSP) with the dev root as
 * the only anchor: 0 = all VALID. */
static int
verify_all (DsHarness *h, const char *dir, char **output)
{
  g_autoptr(GPtrArray) files = list_pdfs (dir);
  g_autofree char *root = g_build_filename (h->data_dir, "root.pem", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) g_getenv ("BESIGN_CLI"));
  g_ptr_array_add (argv, "verify");
  g_ptr_array_add (argv, "--online");
  g_ptr_array_add (argv, "--trust");
  g_ptr_array_add (argv, root);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (files, i));
  g_ptr_array_add (argv, NULL);
  return ds_run ((const char *const *) argv->pdata, NULL, output);
}

/* A remote signer of the demo account, authorised by its passphrase. */
static BsSigner *
demo_signer (Fixture *f, GError **error)
{
  g_autoptr(BsSecret) pass = account_secret (f->h, "passphrase");
  BsBsreSigningAuth auth = { pass, NULL };

  return bs_signer_remote_new (f->session, f->user->nik, &auth, NULL, error);
}

static void
test_remote_signer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsSigner) signer = demo_signer (f, &error);
  g_autofree char *in = make_inputs (f->h, 3);
  g_autofree char *out = g_build_filename (f->h->root, "out", NULL);
  g_autoptr(GPtrArray) inputs = list_pdfs (in);
  BsSignOptions options = { .visible = TRUE, .page = 1, .rect = { 36, 36, 180, 72 }, .reason = "Uji",
                            .output_dir = out };
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *verdicts = NULL;

  g_assert_no_error (error);
  results = bs_sign_files ((const char *const *) inputs->pdata, &options, signer, NULL, NULL, NULL);
  for (guint i = 0; i < results->len; i++)
    g_assert_no_error (((BsSignResult *) g_ptr_array_index (results, i))->error);
  g_assert_cmpint (verify_all (f->h, out, &verdicts), ==, 0);
  g_assert_nonnull (strstr (verdicts, "VALID"));
}

static void
test_token_expiry_between_batches (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsSigner) signer = demo_signer (f, &error);
  g_autofree char *in = make_inputs (f->h, 2);
  g_autofree char *out = g_build_filename (f->h->root, "out", NULL);
  g_autoptr(GPtrArray) inputs = list_pdfs (in);
  BsSignOptions options = { .page = 1, .output_dir = out };
  g_autoptr(GPtrArray) first = bs_sign_files ((const char *const *) inputs->pdata, &options, signer, NULL, NULL, NULL);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) written = NULL;
  BsSignResult *r;

  g_assert_no_error (((BsSignResult *) g_ptr_array_index (first, 0))->error);
  g_free (ds_harness_sql (f->h, "UPDATE tokens SET expires = 0 WHERE kind = 'access'"));
  second = bs_sign_files ((const char *const *) inputs->pdata, &options, signer, NULL, NULL, NULL);
  r = g_ptr_array_index (second, 0);
  g_assert_error (r->error, BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED);
  g_assert_null (r->output);
  g_assert_false (bs_bsre_session_is_logged_in (f->session));
  /* The first batch's two files only: nothing half-written. */
  written = list_pdfs (out);
  g_assert_cmpuint (written->len, ==, 2);
}

/* ---- certificate life cycle --------------------------------------------- */

static void
test_certificate_life_cycle (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsSecret) old = account_secret (f->h, "passphrase");
  g_autoptr(BsSecret) changed = secret ("passphrase kedua 2026");
  g_autoptr(BsSecret) weak = secret ("pendek");
  g_autoptr(BsSecret) reset = secret ("passphrase ketiga 2026");
  g_autoptr(BsSecret) issued = secret ("passphrase baru 2027");
  g_autofree char *sent_to = NULL, *revoked_at = NULL, *serial = NULL, *token_text = NULL;
  g_autoptr(BsSecret) token = NULL;
  g_autoptr(BsBsreSignedHashes) refused = NULL, works = NULL;
  g_autoptr(BsBsreStatus) status = NULL;

  g_assert_false (bs_bsre_change_passphrase (f->session, old, weak, NULL, &error));
  g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_assert_true (bs_bsre_change_passphrase (f->session, old, changed, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (bs_bsre_reset_passphrase (f->session, &sent_to, NULL, &error));
  g_assert_cmpstr (sent_to, ==, "d***@besign-dev.go.id");
  token_text = ds_harness_mail_value (f->h, "Token: ");
  token = secret (token_text);
  g_assert_true (bs_bsre_confirm_reset (f->session, token, reset, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (bs_bsre_revoke (f->session, "keyCompromise", reset, &revoked_at, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (revoked_at);
  status = bs_bsre_check_status (f->session, f->user->nik, NULL, &error);
  g_assert_cmpstr (status->status, ==, "REVOKE");
  refused = sign_with_passphrase (f, "passphrase ketiga 2026", 1, &error);
  g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_CERTIFICATE_NOT_ACTIVE);
  g_assert_nonnull (strstr (error->message, "REVOKE"));
  g_clear_error (&error);

  g_clear_pointer (&sent_to, g_free);
  g_assert_true (bs_bsre_request_issuance (f->session, &sent_to, NULL, &error));
  g_free (token_text);
  token_text = ds_harness_mail_value (f->h, "Token: ");
  g_clear_pointer (&token, bs_secret_free);
  token = secret (token_text);
  g_assert_true (bs_bsre_confirm_issuance (f->session, token, issued, &serial, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (serial);
  works = sign_with_passphrase (f, "passphrase baru 2027", 1, &error);
  g_assert_no_error (error);
}

/* ---- faults --------------------------------------------------------------- */

typedef enum { FAULT_HTML_500, FAULT_MALFORMED, FAULT_WRONG_SHAPE, FAULT_SPRING_401, FAULT_STALL } Fault;

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *soup;
  char         *url;
  Fault         fault;
  GThread      *thread;
  GMutex        lock;
  GCond         ready;
} FaultServer;

static void
on_fault_request (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  FaultServer *s = data;
  static const char html[] = "<html><body><h1>502 Bad Gateway</h1></body></html>";
  static const char spring[] = "{\"timestamp\":\"2025-03-18T12:00:00.000+00:00\",\"status\":401,\"error\":\"Unauthorized\",\"path\":\"/api/v2/sign/pdf\"}";

  switch (s->fault)
    {
    case FAULT_HTML_500:
      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
      break;
    case FAULT_MALFORMED:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"loginToken\": ", 15);
      break;
    case FAULT_WRONG_SHAPE:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"loginToken\": 42}", 18);
      break;
    case FAULT_SPRING_401:
      soup_server_message_set_status (msg, 401, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, spring, strlen (spring));
      break;
    case FAULT_STALL:
      /* Never answers: the client's time-out must end the wait. */
      soup_server_message_pause (msg);
      break;
    }
}

static gpointer
fault_thread (gpointer data)
{
  FaultServer *s = data;
  GSList *uris;

  g_main_context_push_thread_default (s->context);
  s->soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->soup, NULL, on_fault_request, s, NULL);
  g_assert_true (soup_server_listen_local (s->soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (s->soup);
  g_mutex_lock (&s->lock);
  s->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&s->ready);
  g_mutex_unlock (&s->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (s->loop);
  g_object_unref (s->soup);
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

static FaultServer *
fault_server_start (void)
{
  FaultServer *s = g_new0 (FaultServer, 1);

  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  g_mutex_init (&s->lock);
  g_cond_init (&s->ready);
  g_mutex_lock (&s->lock);
  s->thread = g_thread_new ("fault-server", fault_thread, s);
  while (s->url == NULL)
    g_cond_wait (&s->ready, &s->lock);
  g_mutex_unlock (&s->lock);
  return s;
}

static void
fault_server_stop (FaultServer *s)
{
  g_main_loop_quit (s->loop);
  g_thread_join (s->thread);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  g_free (s->url);
  g_free (s);
}

static void
assert_login_fails (const char *url, guint timeout, GQuark domain, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsBsreSession) session = bs_bsre_session_new (url, NULL, &error);
  g_autoptr(BsSecret) password = secret ("rahasia");
  g_autoptr(BsBsreLogin) login = NULL;

  g_assert_no_error (error);
  bs_bsre_session_set_timeouts (session, timeout, timeout);
  login = bs_bsre_login (session, "demo", password, NULL, &error);
  g_assert_null (login);
  g_assert_error (error, domain, code);
  g_assert_nonnull (error->message);
  g_assert_null (strstr (error->message, "rahasia"));
}

static void
test_faults (void)
{
  FaultServer *s = fault_server_start ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BsBsreSession) stalled = bs_bsre_session_new (s->url, NULL, &error);
  g_autoptr(BsSecret) pass = secret ("rahasia");
  g_autoptr(GPtrArray) hashes = random_hashes (1);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  BsBsreSigningAuth auth = { pass, NULL };
  g_autoptr(BsBsreSignedHashes) unknown = NULL;
  g_autoptr(BsBsreSignedHashes) cancel = NULL;
  g_autoptr(BsBsreSession) remote = NULL;

  assert_login_fails ("http://127.0.0.1:9", 5, BS_BSRE_ERROR, BS_BSRE_ERROR_UNREACHABLE);
  s->fault = FAULT_HTML_500;
  assert_login_fails (s->url, 5, BS_BSRE_ERROR, BS_BSRE_ERROR_SERVER_ERROR);
  s->fault = FAULT_MALFORMED;
  assert_login_fails (s->url, 5, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER);
  s->fault = FAULT_WRONG_SHAPE;
  assert_login_fails (s->url, 5, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER);
  s->fault = FAULT_SPRING_401;
  assert_login_fails (s->url, 5, BS_BSRE_ERROR, BS_BSRE_ERROR_UNAUTHORIZED);
  s->fault = FAULT_STALL;
  assert_login_fails (s->url, 1, BS_BSRE_ERROR, BS_BSRE_ERROR_TIMEOUT);
  /* A sign request that went out unanswered is never retried, and its
   * outcome is reported as unknown. */
  bs_bsre_session_set_timeouts (stalled, 1, 1);
  bs_bsre_session_set_token (stalled, "token");
  unknown = bs_bsre_sign_hashes (stalled, &auth, hashes, NULL, &error);
  g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_OUTCOME_UNKNOWN);
  g_clear_error (&error);
  g_cancellable_cancel (cancelled);
  cancel = bs_bsre_sign_hashes (stalled, &auth, hashes, cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  remote = bs_bsre_session_new ("http://bsre.example.go.id", NULL, &error);
  g_assert_null (remote);
  g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_REFUSED_URL);
  fault_server_stop (s);
}

static void
test_tls (void)
{
  DsHarness *h = ds_harness_start (TRUE);
  g_autofree char *ca = g_build_filename (h->data_dir, "tls.crt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BsSecret) integration = account_secret (h, "integrationPassword");
  /* check/status is an Esign v2 endpoint: the integration's Basic. */
  g_autoptr(BsBsreSession) trusting = bs_bsre_session_new_esign_client (h->base_url, ca,
                                                                         ds_harness_account (h, "integrationUser"),
                                                                         integration, &error);
  g_autoptr(BsBsreStatus) ok = NULL;

  g_assert_no_error (error);
  ok = bs_bsre_check_status (trusting, ds_harness_account (h, "nik"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ok->status, ==, "ISSUE");
  assert_login_fails (h->base_url, 5, BS_BSRE_ERROR, BS_BSRE_ERROR_TLS);
  ds_harness_free (h);
}

/* ---- besign-cli ----------------------------------------------------------- */

/* Fails if @needle is in any file under @dir (but the files that hold the
 * secrets on purpose). */
static void
assert_absent_under (const char *dir, const char *needle, const char *const *allowed)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_strv_contains (allowed, name))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        assert_absent_under (path, needle, allowed);
      else if (g_file_get_contents (path, &data, &len, NULL) && g_strstr_len (data, (gssize) len, needle) != NULL)
        g_error ("a secret was written to %s", path);
    }
}

static void
test_cli_batch_of_100 (void)
{
  DsHarness *h = ds_harness_start (FALSE);
  g_autofree char *in = make_inputs (h, 100);
  g_autofree char *out = g_build_filename (h->root, "out", NULL);
  g_autofree char *pw = ds_harness_write (h, "pw.txt", ds_harness_account (h, "password"));
  g_autofree char *pp = ds_harness_write (h, "pp.txt", ds_harness_account (h, "passphrase"));
  g_autofree char *code = ds_harness_next_code (h);
  g_autofree char *code_file = ds_harness_write (h, "code.txt", code);
  const char *argv[] = { g_getenv ("BESIGN_CLI"), "sign", "--server", h->base_url, "--user", "demo",
                         "--password-file", pw, "--totp-code-file", code_file, "--passphrase-file", pp,
                         "--visible", "--reason", "Uji 100", "--output-dir", out, in, NULL };
  g_autofree char *output = NULL;
  g_autofree char *verdicts = NULL;
  g_autofree char *logs = NULL;
  g_autoptr(GPtrArray) signed_files = NULL;
  const char *allowed[] = { "pw.txt", "pp.txt", "code.txt", "demo-account.json", NULL };

  g_assert_cmpint (ds_run (argv, NULL, &output), ==, 0);
  g_assert_nonnull (strstr (output, "Signed 100 of 100 documents."));
  signed_files = list_pdfs (out);
  g_assert_cmpuint (signed_files->len, ==, 100);
  g_assert_cmpint (verify_all (h, out, &verdicts), ==, 0);
  /* One authorisation, one request for the whole batch. */
  g_free (ds_harness_sql (h, "SELECT 1"));
  {
    g_autofree char *requests = ds_harness_sql (h, "SELECT count(*) FROM audit WHERE action = 'sign-hash'");
    g_assert_cmpstr (requests, ==, "1");
  }
  logs = ds_harness_logs (h);
  for (const char *const *s = (const char *const[]) { "password", "passphrase", "totpSecret", NULL }; *s; s++)
    {
      const char *value = ds_harness_account (h, *s);
      g_assert_null (strstr (output, value));
      g_assert_null (strstr (logs, value));
      assert_absent_under (h->root, value, allowed);
    }
  ds_harness_free (h);
}

static void
test_cli_refusals_leave_no_file (void)
{
  DsHarness *h = ds_harness_start (FALSE);
  g_autofree char *in = make_inputs (h, 2);
  g_autofree char *out = g_build_filename (h->root, "out", NULL);
  g_autofree char *pw = ds_harness_write (h, "pw.txt", ds_harness_account (h, "password"));
  g_autofree char *wrong = ds_harness_write (h, "wrong.txt", "bukan passphrase");
  g_autofree char *code = ds_harness_next_code (h);
  g_autoptr(GBytes) code_line = g_bytes_new_take (g_strconcat (code, "\n", NULL), strlen (code) + 1);
  const char *argv[] = { g_getenv ("BESIGN_CLI"), "sign", "--server", h->base_url, "--user", "demo",
                         "--password-file", pw, "--passphrase-file", wrong,
                         "--output-dir", out, in, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autofree char *down = NULL;
  const char *unreachable[] = { g_getenv ("BESIGN_CLI"), "cert", "status", "--server", "http://127.0.0.1:9",
                                "--user", "demo", "--password-file", pw, NULL };

  g_assert_cmpint (ds_run (argv, code_line, &output), ==, 1);
  g_assert_nonnull (strstr (output, "signing is locked: 4)"));
  written = list_pdfs (out);
  g_assert_cmpuint (written->len, ==, 0);
  g_assert_cmpint (ds_run (unreachable, NULL, &down), ==, 1);
  g_assert_nonnull (strstr (down, "Cannot reach"));
  ds_harness_free (h);
}

static void
test_cli_cert (void)
{
  DsHarness *h = ds_harness_start (FALSE);
  g_autofree char *pw = ds_harness_write (h, "pw.txt", ds_harness_account (h, "password"));
  g_autofree char *pp = ds_harness_write (h, "pp.txt", ds_harness_account (h, "passphrase"));
  g_autofree char *code1 = ds_harness_next_code (h);
  g_autofree char *code2 = ds_harness_next_code (h);
  g_autofree char *code2_file = ds_harness_write (h, "code2.txt", code2);
  g_autoptr(GBytes) code1_line = g_bytes_new_take (g_strconcat (code1, "\n", NULL), strlen (code1) + 1);
  const char *status[] = { g_getenv ("BESIGN_CLI"), "cert", "status", "--server", h->base_url, "--user", "demo",
                           "--password-file", pw, NULL };
  const char *revoke[] = { g_getenv ("BESIGN_CLI"), "cert", "revoke", "--reason", "superseded", "--server",
                           h->base_url, "--user", "demo", "--password-file", pw, "--totp-code-file", code2_file,
                           "--passphrase-file", pp, NULL };
  g_autofree char *out1 = NULL, *out2 = NULL;

  g_assert_cmpint (ds_run (status, code1_line, &out1), ==, 0);
  g_assert_true (g_str_has_prefix (out1, "ISSUE\n"));
  g_assert_cmpint (ds_run (revoke, NULL, &out2), ==, 0);
  g_assert_nonnull (strstr (out2, "revoked"));
  {
    g_autofree char *code3 = ds_harness_next_code (h);
    g_autoptr(GBytes) code3_line = g_bytes_new_take (g_strconcat (code3, "\n", NULL), strlen (code3) + 1);
    const char *login[] = { g_getenv ("BESIGN_CLI"), "login", "--server", h->base_url, "--user", "demo",
                            "--password-file", pw, NULL };
    g_autofree char *out3 = NULL;
    g_assert_cmpint (ds_run (login, code3_line, &out3), ==, 0);
    g_assert_nonnull (strstr (out3, "Logged in as Demo Penanda Tangan"));
    g_assert_nonnull (strstr (out3, "Certificate status: REVOKE"));
  }
  ds_harness_free (h);
}

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  ADD ("/client/login-profile-logout", test_login_and_profile);
  ADD ("/client/otp-setup", test_otp_setup_and_wrong_code);
  ADD ("/client/status-chain", test_status_and_chain);
  ADD ("/client/sign-hashes", test_sign_hashes);
  ADD ("/client/wrong-passphrase-lockout", test_wrong_passphrase_and_lockout);
  ADD ("/client/remote-signer", test_remote_signer);
  ADD ("/client/token-expiry", test_token_expiry_between_batches);
  ADD ("/client/certificate-life-cycle", test_certificate_life_cycle);
  g_test_add_func ("/client/faults", test_faults);
  g_test_add_func ("/client/tls", test_tls);
  g_test_add_func ("/client/cli-batch-100", test_cli_batch_of_100);
  g_test_add_func ("/client/cli-refusals", test_cli_refusals_leave_no_file);
  g_test_add_func ("/client/cli-cert", test_cli_cert);
  return g_test_run ();
}
