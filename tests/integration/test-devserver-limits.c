/* test-devserver-limits.c — every credential of besign-devserver has a
 * limit: account password, login code (per login token and per account),
 * the integration's Basic password, the passphrase (one counter for every
 * check) and e-mailed signing codes.
 *
 * Each test drives the server with bounded loops of the curl command (an
 * independent client) and counts the answers; a lock is then lifted by
 * editing the database from outside, as time passing would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  DsHarness *h;
  char      *bearer;
  char      *basic;
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

typedef struct {
  long         status;
  json_object *json;
} Answer;

static void
answer_clear (Answer *a)
{
  g_clear_pointer (&a->json, json_object_put);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

/* One POST through the curl command: its status and JSON answer. */
static Answer
curl_post (Fixture *f, const char *path, const char *auth, const char *json)
{
  g_autofree char *url = g_strconcat (f->h->base_url, path, NULL);
  g_autofree char *auth_header = g_strconcat ("Authorization: ", auth ? auth : "", NULL);
  const char *argv[] = { "curl", "-s", "-X", "POST", "-H", "Content-Type: application/json", "-H",
                         auth ? auth_header : "X-No-Auth: 1", "--data-binary", "@-", "-w", "\n%{http_code}",
                         url, NULL };
  g_autoptr(GBytes) input = g_bytes_new (json, strlen (json));
  g_autofree char *output = NULL;
  char *last;
  Answer a = { 0, NULL };

  g_assert_cmpint (ds_run (argv, input, &output), ==, 0);
  last = strrchr (output, '\n');
  g_assert_nonnull (last);
  a.status = strtol (last + 1, NULL, 10);
  *last = '\0';
  a.json = json_tokener_parse (output);
  return a;
}

static const char *
text_of (Answer *a, const char *key)
{
  json_object *v = NULL;

  return a->json && json_object_object_get_ex (a->json, key, &v) ? json_object_get_string (v) : NULL;
}

static gint64
int_of (Answer *a, const char *key)
{
  json_object *v = NULL;

  return a->json && json_object_object_get_ex (a->json, key, &v) ? json_object_get_int64 (v) : -1;
}

static void
assert_locked (Answer *a, long http, const char *code, gint64 min_wait)
{
  if (a->status != http || g_strcmp0 (text_of (a, "code"), code) != 0)
    g_error ("expected %ld %s, got %ld %s", http, code, a->status,
             a->json ? json_object_to_json_string (a->json) : "(no JSON)");
  g_assert_cmpint (int_of (a, "retryAfter"), >=, min_wait);
}

static char *
quote (const char *text)
{
  json_object *s = json_object_new_string (text);
  char *q = g_strdup (json_object_to_json_string (s));

  json_object_put (s);
  return q;
}

/* Time passes: every lock is over. */
static void
locks_expire (Fixture *f)
{
  g_free (ds_harness_sql (f->h, "UPDATE throttle SET locked_until = 0"));
}

/* ---- account password ------------------------------------------------- */

static Answer
login (Fixture *f, const char *user, const char *password)
{
  g_autofree char *u = quote (user);
  g_autofree char *p = quote (password);
  g_autofree char *body = g_strdup_printf ("{\"username\": %s, \"password\": %s}", u, p);

  return curl_post (f, "/api/v2/auth/login", NULL, body);
}

static void
test_password_lockout (Fixture *f, gconstpointer data)
{
  const char *password = ds_harness_account (f->h, "password");
  guint refused = 0, locked = 0;

  for (int i = 0; i < 8; i++)
    {
      g_auto (Answer) a = login (f, "demo", "bukan kata sandinya");
      if (a.status == 401)
        g_assert_cmpint (int_of (&a, "attemptsLeft"), ==, 4 - (int) refused++);
      else
        {
          assert_locked (&a, 403, "LOCKED", 14 * 60);
          locked++;
        }
    }
  /* Four wrong passwords are answered, the fifth locks; no more guesses. */
  g_assert_cmpuint (refused, ==, 4);
  g_assert_cmpuint (locked, ==, 4);
  {
    g_auto (Answer) right = login (f, "demo", password);
    g_auto (Answer) by_email = login (f, ds_harness_account (f->h, "email"), password);
    assert_locked (&right, 403, "LOCKED", 1);
    assert_locked (&by_email, 403, "LOCKED", 1);
  }
  /* A name without an account locks the same way: a lock tells nothing. */
  for (int i = 0; i < 5; i++)
    {
      g_auto (Answer) a = login (f, "tidak-ada", "tebakan");
      g_assert_cmpint (a.status, ==, i < 4 ? 401 : 403);
    }
  locks_expire (f);
  {
    g_auto (Answer) right = login (f, "demo", password);
    g_assert_cmpint (right.status, ==, 200);
  }
}

/* ---- login code ---------------------------------------------------------- */

static char *
login_token (Fixture *f)
{
  g_auto (Answer) a = login (f, "demo", ds_harness_account (f->h, "password"));

  g_assert_cmpint (a.status, ==, 200);
  return g_strdup (text_of (&a, "loginToken"));
}

static Answer
verify_code (Fixture *f, const char *token, const char *code)
{
  g_autofree char *body = g_strdup_printf ("{\"loginToken\": \"%s\", \"deviceId\": \"%s\", \"code\": \"%s\"}",
                                           token, ds_harness_account (f->h, "deviceId"), code);

  return curl_post (f, "/api/v2/auth/otp/verify", NULL, body);
}

/* A six-digit code that is none of the device's accepted codes now. */
static char *
wrong_code (Fixture *f, guint n)
{
  const char *secret = ds_harness_account (f->h, "totpSecret");
  gint64 step = ds_totp_step_now ();

  for (guint k = n;; k++)
    {
      char *code = g_strdup_printf ("%06u", (k * 7919u + 13u) % 1000000u);
      gboolean accepted = FALSE;
      for (gint64 s = step - 2; s <= step + 2; s++)
        {
          g_autofree char *valid = ds_totp (secret, s);
          accepted = accepted || g_str_equal (valid, code);
        }
      if (!accepted)
        return code;
      g_free (code);
    }
}

static void
test_login_code_per_token (Fixture *f, gconstpointer data)
{
  g_autofree char *token = login_token (f);
  guint wrong = 0, locked = 0;
  g_autofree char *code = NULL;

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *guess = wrong_code (f, i);
      g_auto (Answer) a = verify_code (f, token, guess);
      if (a.status == 401)
        {
          g_assert_cmpstr (text_of (&a, "code"), ==, "INVALID_OTP");
          g_assert_cmpint (int_of (&a, "attemptsLeft"), ==, 4 - (int) wrong++);
        }
      else
        {
          assert_locked (&a, 403, "LOCKED", 60);
          locked++;
        }
    }
  g_assert_cmpuint (wrong, ==, 4);
  g_assert_cmpuint (locked, ==, 3);
  /* The spent token takes no code any more, not even the right one... */
  code = ds_harness_next_code (f->h);
  {
    g_auto (Answer) right = verify_code (f, token, code);
    assert_locked (&right, 403, "LOCKED", 60);
  }
  /* ...but the account is not locked by five: a new login works. */
  {
    g_autofree char *fresh = login_token (f);
    g_auto (Answer) ok = verify_code (f, fresh, code);
    g_assert_cmpint (ok.status, ==, 200);
  }
}

static void
test_login_code_per_account (Fixture *f, gconstpointer data)
{
  guint answered = 0;

  /* New tokens need the password; the account bounds what one who has it
   * can guess: ten wrong codes across tokens lock the login. */
  for (guint t = 0; t < 3; t++)
    {
      g_autofree char *token = login_token (f);
      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *guess = wrong_code (f, 10 * t + i);
          g_auto (Answer) a = verify_code (f, token, guess);
          if (answered < 9)
            g_assert_cmpint (a.status, ==, 401);
          else
            assert_locked (&a, 403, "LOCKED", 14 * 60);
          answered++;
          if (a.status == 403)
            break;
        }
      if (answered >= 10)
        break;
    }
  g_assert_cmpuint (answered, ==, 10);
  {
    g_auto (Answer) a = login (f, "demo", ds_harness_account (f->h, "password"));
    assert_locked (&a, 403, "LOCKED", 14 * 60);
  }
}

/* ---- the integration's Basic password ----------------------------------- */

static void
test_basic_throttle (Fixture *f, gconstpointer data)
{
  g_autofree char *wrong = ds_harness_basic (f->h, "tebakan");
  g_autofree char *nik = g_strdup_printf ("{\"nik\": \"%s\"}", ds_harness_account (f->h, "nik"));
  guint spring = 0, limited = 0;

  for (guint i = 0; i < 14; i++)
    {
      g_auto (Answer) a = curl_post (f, "/api/v2/sign/get/totp", wrong, nik);
      if (a.status == 401)
        {
          /* Spring's own shape, as the real service answers. */
          g_assert_cmpint (int_of (&a, "status"), ==, 401);
          g_assert_cmpstr (text_of (&a, "error"), ==, "Unauthorized");
          spring++;
        }
      else
        {
          assert_locked (&a, 429, "RATE_LIMITED", 9 * 60);
          limited++;
        }
    }
  g_assert_cmpuint (spring, ==, 9);
  g_assert_cmpuint (limited, ==, 5);
  {
    g_auto (Answer) right = curl_post (f, "/api/v2/sign/get/totp", f->basic, nik);
    assert_locked (&right, 429, "RATE_LIMITED", 1);
  }
  locks_expire (f);
  {
    g_auto (Answer) right = curl_post (f, "/api/v2/sign/get/totp", f->basic, nik);
    g_assert_cmpint (right.status, ==, 200);
  }
}

/* ---- one passphrase counter ---------------------------------------------- */

static Answer
sign_hash (Fixture *f, const char *passphrase)
{
  g_autofree char *p = quote (passphrase);
  g_autofree char *body = g_strdup_printf ("{\"passphrase\": %s, \"digestAlgorithm\": \"SHA256\", \"hashes\":"
                                           " [{\"id\": \"d\", \"hash\": \"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"}]}", p);

  return curl_post (f, "/api/v2/sign/hash", f->bearer, body);
}

static Answer
change (Fixture *f, const char *old)
{
  g_autofree char *o = quote (old);
  g_autofree char *body = g_strdup_printf ("{\"oldPassphrase\": %s, \"newPassphrase\": \"passphrase baru 2026\"}", o);

  return curl_post (f, "/api/v2/user/passphrase/change", f->bearer, body);
}

static Answer
revoke_cert (Fixture *f, const char *passphrase)
{
  g_autofree char *p = quote (passphrase);
  g_autofree char *body = g_strdup_printf ("{\"reason\": \"keyCompromise\", \"passphrase\": %s}", p);

  return curl_post (f, "/api/v2/user/certificate/revoke", f->bearer, body);
}

static Answer
sign_pdf (Fixture *f, const char *passphrase)
{
  g_autofree char *p = quote (passphrase);
  g_autofree char *body = g_strdup_printf ("{\"nik\": \"%s\", \"passphrase\": %s, \"signatureProperties\":"
                                           " [{\"tampilan\": \"INVISIBLE\"}], \"file\": [\"JVBERi0=\"]}",
                                           ds_harness_account (f->h, "nik"), p);

  return curl_post (f, "/api/v2/sign/pdf", f->basic, body);
}

static void
assert_wrong (Answer *a, long http, gint64 left)
{
  if (a->status != http || g_strcmp0 (text_of (a, "code"), "INVALID_PASSPHRASE") != 0)
    g_error ("expected %ld INVALID_PASSPHRASE, got %ld %s", http, a->status,
             a->json ? json_object_to_json_string (a->json) : "");
  g_assert_cmpint (int_of (a, "status_code"), ==, 2031);
  g_assert_cmpint (int_of (a, "attemptsLeft"), ==, left);
}

static void
test_one_passphrase_counter (Fixture *f, gconstpointer data)
{
  const char *right = ds_harness_account (f->h, "passphrase");
  g_autofree char *status = NULL;

  {
    g_auto (Answer) a1 = sign_hash (f, "salah satu");
    g_auto (Answer) a2 = change (f, "salah dua");
    g_auto (Answer) a3 = revoke_cert (f, "salah tiga");
    g_auto (Answer) a4 = sign_pdf (f, "salah empat");
    g_auto (Answer) a5 = sign_hash (f, "salah lima");
    assert_wrong (&a1, 400, 4);
    assert_wrong (&a2, 403, 3);
    assert_wrong (&a3, 400, 2);
    assert_wrong (&a4, 400, 1);
    assert_locked (&a5, 403, "LOCKED", 14 * 60);
  }
  /* Locked everywhere, the right passphrase included. */
  {
    g_auto (Answer) s = sign_hash (f, right);
    g_auto (Answer) c = change (f, right);
    g_auto (Answer) r = revoke_cert (f, right);
    g_auto (Answer) p = sign_pdf (f, right);
    assert_locked (&s, 403, "LOCKED", 1);
    assert_locked (&c, 403, "LOCKED", 1);
    assert_locked (&r, 403, "LOCKED", 1);
    assert_locked (&p, 403, "LOCKED", 1);
  }
  status = ds_harness_sql (f->h, "SELECT status FROM users WHERE username = 'demo'");
  g_assert_cmpstr (status, ==, "ISSUE");
  /* A successful check starts the count afresh. */
  locks_expire (f);
  {
    g_auto (Answer) w = sign_hash (f, "salah lagi");
    g_auto (Answer) ok = sign_hash (f, right);
    g_auto (Answer) w2 = change (f, "salah lagi");
    assert_wrong (&w, 400, 4);
    g_assert_cmpint (ok.status, ==, 200);
    assert_wrong (&w2, 403, 4);
  }
}

/* A new certificate is no way around a lock; the e-mailed reset, which
 * proves the mailbox, lifts it. */
static void
test_passphrase_lock_issue_and_reset (Fixture *f, gconstpointer data)
{
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  g_autofree char *reset_token = NULL;
  g_autofree char *reset_body = NULL;

  {
    g_auto (Answer) rev = revoke_cert (f, ds_harness_account (f->h, "passphrase"));
    g_auto (Answer) issue = curl_post (f, "/api/v2/user/certificate/issue", f->bearer, "{}");
    g_assert_cmpint (rev.status, ==, 200);
    g_assert_cmpint (issue.status, ==, 202);
  }
  token = ds_harness_mail_value (f->h, "Token: ");
  g_free (ds_harness_sql (f->h, "INSERT OR REPLACE INTO throttle (scope, subject, count, since, locked_until)"
                                " SELECT 'passphrase', id, 0, 0, strftime('%s','now') + 900 FROM users WHERE username = 'demo'"));
  body = g_strdup_printf ("{\"token\": \"%s\", \"passphrase\": \"passphrase baru 2026\"}", token);
  {
    g_auto (Answer) refused = curl_post (f, "/api/v2/user/certificate/issue/confirm", NULL, body);
    assert_locked (&refused, 403, "LOCKED", 60);
  }
  {
    g_auto (Answer) reset = curl_post (f, "/api/v2/user/passphrase/reset", f->bearer, "{}");
    g_assert_cmpint (reset.status, ==, 202);
  }
  reset_token = ds_harness_mail_value (f->h, "passphrase/reset/confirm?token=");
  g_assert_nonnull (reset_token);
  reset_body = g_strdup_printf ("{\"token\": \"%s\", \"newPassphrase\": \"hasil atur ulang 1\"}", reset_token);
  {
    g_auto (Answer) reset = curl_post (f, "/api/v2/user/passphrase/reset/confirm", NULL, reset_body);
    /* The issuance link was kept while the lock held. */
    g_auto (Answer) confirmed = curl_post (f, "/api/v2/user/certificate/issue/confirm", NULL, body);
    g_assert_cmpint (reset.status, ==, 204);
    g_assert_cmpint (confirmed.status, ==, 201);
  }
}

/* ---- e-mailed signing codes ---------------------------------------------- */

static Answer
request_code (Fixture *f, const char *auth, const char *who_json)
{
  return curl_post (f, "/api/v2/sign/get/totp", auth, who_json);
}

static char *
mailed_code (Fixture *f)
{
  return ds_harness_mail_value (f->h, "Kode OTP penandatanganan anda: ");
}

static Answer
sign_with_code (Fixture *f, const char *code)
{
  g_autofree char *body = g_strdup_printf ("{\"totp\": \"%s\", \"digestAlgorithm\": \"SHA256\", \"hashes\":"
                                           " [{\"id\": \"d\", \"hash\": \"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"}]}",
                                           code);

  return curl_post (f, "/api/v2/sign/hash", f->bearer, body);
}

static guint
outbox_count (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->h->data_dir, "outbox", NULL);
  const char *argv[] = { "ls", "-1", dir, NULL };
  g_autofree char *out = NULL;
  guint n = 0;

  ds_run (argv, NULL, &out);
  for (char *p = out; p && (p = strstr (p, ".eml")) != NULL; p++)
    n++;
  return n;
}

static void
test_email_code_needs_credentials (Fixture *f, gconstpointer data)
{
  g_autofree char *who = g_strdup_printf ("{\"email\": \"%s\", \"data\": 2}", ds_harness_account (f->h, "email"));
  guint before = outbox_count (f);

  {
    g_auto (Answer) anonymous = request_code (f, NULL, who);
    g_auto (Answer) by_account = request_code (f, f->bearer, who);
    g_auto (Answer) by_integration = request_code (f, f->basic, who);
    g_assert_cmpint (anonymous.status, ==, 401);
    g_assert_cmpint (int_of (&anonymous, "status"), ==, 401);
    g_assert_cmpint (by_account.status, ==, 200);
    g_assert_cmpint (by_integration.status, ==, 200);
  }
  g_assert_cmpuint (outbox_count (f), ==, before + 2);
  /* An account asks codes for itself only. */
  g_free (ds_harness_sql (f->h, "INSERT INTO users (id, username, email, name, nik, password_hash, status)"
                                " VALUES ('u-other', 'lain', 'lain@besign-dev.go.id', 'Orang Lain', '3171000000000099',"
                                " 'x', 'NO_CERTIFICATE')"));
  {
    g_auto (Answer) other = request_code (f, f->bearer, "{\"nik\": \"3171000000000099\"}");
    g_assert_cmpint (other.status, ==, 403);
  }
  g_assert_cmpuint (outbox_count (f), ==, before + 2);
}

static void
test_email_code_one_live (Fixture *f, gconstpointer data)
{
  g_autofree char *who = g_strdup_printf ("{\"nik\": \"%s\"}", ds_harness_account (f->h, "nik"));
  g_autofree char *first = NULL, *second = NULL, *live = NULL;

  {
    g_auto (Answer) a = request_code (f, f->basic, who);
    g_assert_cmpint (a.status, ==, 200);
  }
  first = mailed_code (f);
  g_usleep (20 * 1000);
  {
    g_auto (Answer) b = request_code (f, f->basic, who);
    g_assert_cmpint (b.status, ==, 200);
  }
  second = mailed_code (f);
  live = ds_harness_sql (f->h, "SELECT count(*) FROM email_otps");
  g_assert_cmpstr (live, ==, "1");
  if (!g_str_equal (first, second))
    {
      g_auto (Answer) old = sign_with_code (f, first);
      g_assert_cmpint (old.status, ==, 401);
    }
  {
    g_auto (Answer) ok = sign_with_code (f, second);
    g_auto (Answer) again = sign_with_code (f, second);
    g_assert_cmpint (ok.status, ==, 200);
    g_assert_cmpint (again.status, ==, 401);
  }
}

static void
test_email_code_wrong_guesses (Fixture *f, gconstpointer data)
{
  g_autofree char *who = g_strdup_printf ("{\"nik\": \"%s\"}", ds_harness_account (f->h, "nik"));
  g_autofree char *code = NULL;
  guint wrong = 0;

  {
    g_auto (Answer) a = request_code (f, f->basic, who);
    g_assert_cmpint (a.status, ==, 200);
  }
  code = mailed_code (f);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *guess = g_strdup_printf ("%06u", (guint) ((g_ascii_strtoull (code, NULL, 10) + 1 + i) % 1000000));
      g_auto (Answer) a = sign_with_code (f, guess);
      if (i < 4)
        {
          g_assert_cmpint (a.status, ==, 401);
          g_assert_cmpint (int_of (&a, "attemptsLeft"), ==, 4 - (int) wrong++);
        }
      else
        assert_locked (&a, 403, "LOCKED", 14 * 60);
    }
  /* The code died with the lock; while it lasts no new code is sent. */
  {
    g_auto (Answer) right = sign_with_code (f, code);
    g_auto (Answer) more = request_code (f, f->basic, who);
    assert_locked (&right, 403, "LOCKED", 1);
    assert_locked (&more, 403, "LOCKED", 1);
  }
  locks_expire (f);
  {
    g_auto (Answer) right = sign_with_code (f, code);
    g_assert_cmpint (right.status, ==, 401);
  }
}

static void
test_email_code_requests_limited (Fixture *f, gconstpointer data)
{
  g_autofree char *who = g_strdup_printf ("{\"nik\": \"%s\"}", ds_harness_account (f->h, "nik"));
  guint before = outbox_count (f), sent = 0, limited = 0;

  for (guint i = 0; i < 12; i++)
    {
      g_auto (Answer) a = request_code (f, f->basic, who);
      if (a.status == 200)
        sent++;
      else
        {
          assert_locked (&a, 429, "RATE_LIMITED", 60);
          limited++;
        }
    }
  g_assert_cmpuint (sent, ==, 5);
  g_assert_cmpuint (limited, ==, 7);
  g_assert_cmpuint (outbox_count (f), ==, before + 5);
}

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/limits/password", test_password_lockout);
  ADD ("/limits/login-code-per-token", test_login_code_per_token);
  ADD ("/limits/login-code-per-account", test_login_code_per_account);
  ADD ("/limits/basic", test_basic_throttle);
  ADD ("/limits/passphrase-one-counter", test_one_passphrase_counter);
  ADD ("/limits/passphrase-lock-issue-reset", test_passphrase_lock_issue_and_reset);
  ADD ("/limits/email-code-credentials", test_email_code_needs_credentials);
  ADD ("/limits/email-code-one-live", test_email_code_one_live);
  ADD ("/limits/email-code-wrong-guesses", test_email_code_wrong_guesses);
  ADD ("/limits/email-code-requests", test_email_code_requests_limited);
  return g_test_run ();
}
