/* bs-locale.c — see bs-locale.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-locale.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

static char *locale_dir;

/* The language asked for in the environment, as gettext names it ("id_ID"
 * of "id_ID.UTF-8"), or NULL. */
static char *
requested_language (void)
{
  const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);
      if (value != NULL && *value != '\0')
        return g_strndup (value, strcspn (value, ".@"));
    }
  return NULL;
}

/* A locale that is not installed (setlocale fails) would leave the C
 * locale, where gettext translates nothing: keep UTF-8 and the language
 * the user asked for. */
static void
set_locale (void)
{
  g_autofree char *language = NULL;

  if (setlocale (LC_ALL, "") != NULL)
    return;
  language = requested_language ();
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    setlocale (LC_ALL, "C.utf8");
  if (language != NULL && !g_str_equal (language, "C") && !g_str_equal (language, "POSIX")
      && g_getenv ("LANGUAGE") == NULL)
    g_setenv ("LANGUAGE", language, TRUE);
}

static gboolean
has_catalog (const char *dir)
{
  g_autofree char *mo = g_build_filename (dir, "id", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  return g_file_test (mo, G_FILE_TEST_IS_REGULAR);
}

/* An installed copy reads its own catalogs; one run from the build tree
 * (nothing installed) reads the build's. */
static const char *
catalog_dir (void)
{
  const char *override = g_getenv ("BESIGN_LOCALEDIR");

  if (override != NULL && *override != '\0')
    return override;
#ifdef BESIGN_BUILD_LOCALEDIR
  if (!has_catalog (LOCALEDIR) && has_catalog (BESIGN_BUILD_LOCALEDIR))
    return BESIGN_BUILD_LOCALEDIR;
#endif
  return LOCALEDIR;
}

void
bs_locale_init (void)
{
  /* GTK would call setlocale (LC_ALL, "") again at start-up, and undo the
   * fallback below (back to "C", where nothing is translated). */
  gtk_disable_setlocale ();
  set_locale ();
  g_free (locale_dir);
  locale_dir = g_strdup (catalog_dir ());
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

const char *
bs_locale_get_dir (void)
{
  return locale_dir;
}
