/* bs-welcome-page.c — see bs-welcome-page.h. Its buttons name the
 * window's actions (bs-welcome-page.ui).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-welcome-page.h"
#include "bs-file-input.h"

struct _BsWelcomePage {
  BsPage parent_instance;
};

G_DEFINE_FINAL_TYPE (BsWelcomePage, bs_welcome_page, BS_TYPE_PAGE)

static void
bs_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BS_TYPE_WELCOME_PAGE);
  G_OBJECT_CLASS (bs_welcome_page_parent_class)->dispose (object);
}

static void
bs_welcome_page_class_init (BsWelcomePageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bs_welcome_page_dispose;
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass), "/id/besign/Desktop/bs-welcome-page.ui");
}

static void
bs_welcome_page_init (BsWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  bs_accept_file_drops (GTK_WIDGET (self));
}
