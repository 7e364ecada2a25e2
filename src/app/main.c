/* main.c — the BeSign window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-application.h"
#include "bs-platform.h"

#include <glib/gi18n.h>
#include <locale.h>

int
main (int argc, char **argv)
{
  g_autoptr(BsApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BESIGN_LOCALEDIR") ? g_getenv ("BESIGN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  bs_platform_init_process ();
  app = bs_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
