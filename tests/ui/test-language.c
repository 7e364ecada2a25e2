/* test-language.c — issue 14, item 2: the README's command
 * (build-aux/run.sh) opens the window in the user's language. It runs the
 * program from the build tree, nothing installed, in the user's
 * environment: an Indonesian locale (here one the C library does not even
 * have installed), no LANGUAGE, no BESIGN_LOCALEDIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "bs-locale.h"

#include <string.h>

/* The program itself, started as run.sh starts it. */
static void
program_speaks_indonesian (void)
{
  g_autofree char *exe = g_build_filename (g_getenv ("BESIGN_BUILD_DIR"), "src", "app", "besign", NULL);
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                        | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_unsetenv (env, "LC_ALL");
  env = g_environ_unsetenv (env, "LC_MESSAGES");
  env = g_environ_unsetenv (env, "BESIGN_LOCALEDIR");
  env = g_environ_setenv (env, "LANG", "id_ID.UTF-8", TRUE);
  g_subprocess_launcher_set_environ (launcher, env);
  process = g_subprocess_launcher_spawn (launcher, &error, exe, "--help", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%s", out);
  /* Its own option, in the build's Indonesian catalog. */
  g_assert_nonnull (strstr (out, "Alamat layanan BSrE"));
  /* And no "Locale not supported" warning from GTK undoing the fallback. */
  g_assert_null (strstr (out, "Locale not supported"));
}

/* The window, in this process, set up the same way (bs_locale_init). */
static void
window_speaks_indonesian (BsWindow *window, DsHarness *h)
{
  g_autofree char *text = ui_text (GTK_WIDGET (window));

  g_test_message ("translations from %s", bs_locale_get_dir ());
  g_assert_nonnull (strstr (text, "Masuk"));
  g_assert_nonnull (strstr (text, "Verifikasi Dokumen"));
  ui_screenshot (GTK_WIDGET (window), "20-run-sh-language");
  ui_activate (window, "win.show-page", "s", "login");
  ui_wait_page (window, "login");
  ui_screenshot (GTK_WIDGET (window), "20b-run-sh-language-login");
}

int
main (int argc, char **argv)
{
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_unsetenv ("BESIGN_LOCALEDIR");
  g_unsetenv ("BESIGN_UI_LANGUAGE");
  g_setenv ("LANG", "id_ID.UTF-8", TRUE);
  ui_init (&argc, &argv, "");
  g_test_add_func ("/language/program-from-the-build-tree", program_speaks_indonesian);
  ui_add ("/language/window-from-the-build-tree", window_speaks_indonesian);
  return g_test_run ();
}
