/* ds-demo.c — seeding and describing the demo account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-demo.h"
#include "ds-accounts.h"
#include "ds-certificates.h"
#include "ds-integration.h"
#include "ds-seal.h"
#include "bs-error.h"

#include <glib/gstdio.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>

#define DEMO_USERNAME "demo"
#define DEMO_EMAIL "demo@besign-dev.go.id"
#define DEMO_NIK "3171000000000001"
#define INTEGRATION_USER "besign-integration"
#define DEMO_INSTITUTION "Instansi Demo (DEV)"
#define DEMO_SEAL "SEAL-DEV-0001"
#define DEMO_SEAL_EMAIL "segel@besign-dev.go.id"

static char *
random_secret (void)
{
  guint8 raw[12];
  char *b64;

  RAND_bytes (raw, sizeof raw);
  b64 = g_base64_encode (raw, sizeof raw);
  g_strdelimit (b64, "+/=", 'x');
  return b64;
}

static gboolean
seed (DsServer *server, GError **error)
{
  g_autofree char *password = random_secret ();
  g_autofree char *passphrase = random_secret ();
  g_autofree char *integration = random_secret ();
  g_autofree char *secret = ds_totp_new_secret ();
  g_autofree char *user = NULL;
  g_autofree char *device = NULL;

  if (!ds_db_begin (server->db))
    return FALSE;
  user = ds_accounts_create (server, DEMO_USERNAME, DEMO_EMAIL, "Demo Penanda Tangan", DEMO_NIK,
                             DEMO_INSTITUTION, password, error);
  if (user == NULL || !ds_certificates_issue (server, user, passphrase, NULL, error))
    {
      ds_db_rollback (server->db);
      return FALSE;
    }
  device = ds_accounts_add_device (server, user, "Demo device", secret);
  /* The demo's own secrets are kept for demo-account.json: this is a
   * throw-away development account, never a real one. */
  ds_db_kv_set (server->db, "demo-user", user);
  ds_db_kv_set (server->db, "demo-password", password);
  ds_db_kv_set (server->db, "demo-passphrase", passphrase);
  ds_db_kv_set (server->db, "demo-totp-secret", secret);
  ds_db_kv_set (server->db, "demo-device", device);
  ds_integration_add (server, INTEGRATION_USER, integration, DEMO_INSTITUTION);
  ds_db_kv_set (server->db, "demo-integration-password", integration);
  return ds_db_commit (server->db);
}

gboolean
ds_demo_write_trust (DsServer *server, GError **error)
{
  g_autofree char *dir = g_build_filename (server->data_dir, "trust", NULL);
  g_autofree char *in_dir = g_build_filename (dir, "root.pem", NULL);
  g_autofree char *top = g_build_filename (server->data_dir, "root.pem", NULL);
  g_autofree char *pem = ds_x509_to_pem (ds_pki_root (server->pki));

  g_mkdir_with_parents (dir, 0700);
  return g_file_set_contents_full (in_dir, pem, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error)
         && g_file_set_contents_full (top, pem, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static json_object *
kv_string (DsServer *server, const char *key)
{
  g_autofree char *v = ds_db_kv_get (server->db, key);

  return json_object_new_string (v ? v : "");
}

static gboolean
write_account (DsServer *server, GError **error)
{
  json_object *o = json_object_new_object ();
  g_autofree char *path = g_build_filename (server->data_dir, "demo-account.json", NULL);
  g_autofree char *pem = ds_x509_to_pem (ds_pki_root (server->pki));
  const char *text;
  gboolean ok;

  json_object_object_add (o, "baseUrl", json_object_new_string (server->base_url));
  json_object_object_add (o, "username", json_object_new_string (DEMO_USERNAME));
  json_object_object_add (o, "email", json_object_new_string (DEMO_EMAIL));
  json_object_object_add (o, "password", kv_string (server, "demo-password"));
  json_object_object_add (o, "passphrase", kv_string (server, "demo-passphrase"));
  json_object_object_add (o, "totpSecret", kv_string (server, "demo-totp-secret"));
  json_object_object_add (o, "deviceId", kv_string (server, "demo-device"));
  json_object_object_add (o, "nik", json_object_new_string (DEMO_NIK));
  json_object_object_add (o, "caCertificate", json_object_new_string (pem));
  json_object_object_add (o, "integrationUser", json_object_new_string (INTEGRATION_USER));
  json_object_object_add (o, "integrationPassword", kv_string (server, "demo-integration-password"));
  json_object_object_add (o, "institution", json_object_new_string (DEMO_INSTITUTION));
  json_object_object_add (o, "sealSubscriberId", json_object_new_string (DEMO_SEAL));
  json_object_object_add (o, "sealEmail", json_object_new_string (DEMO_SEAL_EMAIL));
  text = json_object_to_json_string_ext (o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
  ok = g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  json_object_put (o);
  return ok;
}

/* The institution's seal; data folders seeded before seals get theirs. */
static gboolean
ensure_seal (DsServer *server, GError **error)
{
  g_autofree char *known = ds_db_get (server->db, "SELECT subscriber FROM seals WHERE subscriber = ?", DEMO_SEAL, NULL);

  if (known != NULL)
    return TRUE;
  if (!ds_db_begin (server->db))
    return FALSE;
  if (!ds_seal_create (server, DEMO_SEAL, DEMO_INSTITUTION, DEMO_SEAL_EMAIL, error))
    {
      ds_db_rollback (server->db);
      return FALSE;
    }
  return ds_db_commit (server->db);
}

/* Data folders seeded before integrations had a table of their own. */
static void
migrate_integration (DsServer *server)
{
  g_autofree char *hash = ds_db_kv_get (server->db, "integration-password-sha256");
  g_autofree char *known = ds_integration_institution (server, INTEGRATION_USER);

  if (hash != NULL && known == NULL)
    ds_db_exec (server->db, "INSERT INTO integrations (user, password_sha256, institution) VALUES (?, ?, ?)",
                INTEGRATION_USER, hash, DEMO_INSTITUTION, NULL);
}

gboolean
ds_demo_prepare (DsServer *server, GError **error)
{
  g_autofree char *seeded = ds_db_kv_get (server->db, "demo-user");

  if (seeded == NULL && !seed (server, error))
    return FALSE;
  migrate_integration (server);
  if (!ensure_seal (server, error))
    return FALSE;
  if (!write_account (server, error))
    return FALSE;
  /* The password stays out of the log: it is in the 0600 account file. */
  printf ("Demo login: username %s (or %s); password, passphrase and TOTP secret in %s/demo-account.json\n",
          DEMO_USERNAME, DEMO_EMAIL, server->data_dir);
  fflush (stdout);
  return TRUE;
}

static gboolean
print_totp (gpointer data)
{
  DsServer *server = data;
  g_autofree char *secret = ds_db_kv_get (server->db, "demo-totp-secret");
  g_autofree char *code = secret ? ds_totp_now (secret) : NULL;

  if (code != NULL)
    {
      printf ("Demo TOTP code: %s\n", code);
      fflush (stdout);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
start_banner (gpointer data)
{
  print_totp (data);
  g_timeout_add_seconds (30, print_totp, data);
  return G_SOURCE_REMOVE;
}

void
ds_demo_start_totp_banner (DsServer *server)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  print_totp (server);
  /* Later codes are printed right when a new 30-second step begins. */
  g_timeout_add_seconds ((guint) (30 - now % 30), start_banner, server);
}
