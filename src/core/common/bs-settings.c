/* bs-settings.c — GKeyFile-backed settings with documented defaults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-settings.h"
#include "bs-error.h"
#include "bs-output.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#define GROUP "besign"

struct _BsSettings {
  char     *path;
  GKeyFile *keys;
};

typedef struct {
  const char *key;
  const char *fallback;   /* NULL: computed or empty */
} Default;

/* Every key the application knows, with its default. */
static const Default defaults[] = {
  { "visualisation", "invisible" },      /* invisible | visible */
  { "specimen", NULL },                  /* path of the specimen image */
  { "auth-method", "passphrase" },       /* passphrase | otp */
  { "connection", "account" },           /* account (BeSign account) | esign (Esign Client Service) */
  { "esign-user", NULL },                /* the integration's HTTP Basic user name (never its password) */
  { "output-folder", NULL },             /* default ~/Besign-output */
  { "server-url", NULL },
  { "server-ca-file", NULL },
  { "tsa-url", NULL },
  { "level", NULL },                     /* B-B … B-LTA; empty: B-T with a TSA, else B-B */
  { "trust-folder", NULL },
  { "language", NULL },                  /* empty: follow the system */
};

BsSettings *
bs_settings_load (const char *path, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  BsSettings *s = g_new0 (BsSettings, 1);

  s->path = path ? g_strdup (path) : g_build_filename (g_get_user_config_dir (), "besign", "settings.ini", NULL);
  s->keys = g_key_file_new ();
  if (!g_key_file_load_from_file (s->keys, s->path, G_KEY_FILE_NONE, &local_error)
      && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_IO, _("Cannot read the settings %s: %s"), s->path,
                   local_error->message);
      bs_settings_free (s);
      return NULL;
    }
  return s;
}

gboolean
bs_settings_save (BsSettings *s, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (s->path);
  g_autofree char *data = g_key_file_to_data (s->keys, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (s->path);
  g_autoptr(GError) local_error = NULL;

  g_mkdir_with_parents (dir, 0700);
  /* Written to a temporary file and renamed, mode 0600 (DESIGN.md §4). */
  if (!g_file_replace_contents (file, data, strlen (data), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                NULL, NULL, &local_error))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_IO, _("Cannot save the settings %s: %s"), s->path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

void
bs_settings_free (BsSettings *s)
{
  if (s == NULL)
    return;
  g_key_file_unref (s->keys);
  g_free (s->path);
  g_free (s);
}

static const char *
fallback_of (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (defaults); i++)
    if (g_str_equal (defaults[i].key, key))
      return defaults[i].fallback;
  g_return_val_if_reached (NULL);
}

char *
bs_settings_dup_string (BsSettings *s, const char *key)
{
  g_autofree char *value = g_key_file_get_string (s->keys, GROUP, key, NULL);

  if (value != NULL && *value != '\0')
    return g_steal_pointer (&value);
  if (g_str_equal (key, "output-folder"))
    return bs_output_default_dir ();
  return g_strdup (fallback_of (key));
}

void
bs_settings_set_string (BsSettings *s, const char *key, const char *value)
{
  if (value == NULL)
    g_key_file_remove_key (s->keys, GROUP, key, NULL);
  else
    g_key_file_set_string (s->keys, GROUP, key, value);
}

char **
bs_settings_dup_trust_folders (BsSettings *s)
{
  g_autoptr(GStrvBuilder) folders = g_strv_builder_new ();
  g_autofree char *user = bs_settings_dup_string (s, "trust-folder");
  g_autofree char *bundled = g_build_filename (BESIGN_DATADIR, "trust", NULL);
  const char *override = g_getenv ("BESIGN_TRUST_DIR");

  if (user != NULL && g_file_test (user, G_FILE_TEST_IS_DIR))
    g_strv_builder_add (folders, user);
  if (override != NULL && g_file_test (override, G_FILE_TEST_IS_DIR))
    g_strv_builder_add (folders, override);
  else if (g_file_test (bundled, G_FILE_TEST_IS_DIR))
    g_strv_builder_add (folders, bundled);
  return g_strv_builder_end (folders);
}
