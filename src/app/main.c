/* main.c — the BeSign window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-application.h"
#include "bs-locale.h"
#include "bs-platform.h"

int
main (int argc, char **argv)
{
  g_autoptr(BsApplication) app = NULL;

  bs_locale_init ();
  bs_platform_init_process ();
  app = bs_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
