/* bs-locale.h — the window speaks the user's language: from an installed
 * copy or straight from the build tree (build-aux/run.sh), and even when
 * the user's locale is not installed on the system.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale and binds the translations; call first in main(). */
void        bs_locale_init (void);
/* Where the translations were taken from (for tests and --help). */
const char *bs_locale_get_dir (void);

G_END_DECLS
