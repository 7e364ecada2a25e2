/* bs-page.h — what every page of the window is: a box that works on the
 * application context it was made with (a construct-only property), and
 * reaches the window only through its actions (win.show-page, …).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-app-context.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BS_TYPE_PAGE (bs_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (BsPage, bs_page, BS, PAGE, GtkBox)

struct _BsPageClass {
  GtkBoxClass parent_class;
};

/* The context (transfer none). */
BsAppContext *bs_page_get_context (BsPage *self);
/* Asks the window to show page @name ("welcome", "login", "otp",
 * "documents", "verify"). */
void          bs_page_show        (BsPage *self, const char *name);

G_END_DECLS
