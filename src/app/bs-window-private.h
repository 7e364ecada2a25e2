/* bs-window-private.h — what bs-window.c and bs-window-actions.c share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-window.h"

G_BEGIN_DECLS

struct _BsWindow {
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *back_button;
  GtkWidget            *user_button;
  GtkStack             *pages;

  /* Owned */
  BsAppContext         *context;
};

/* The page called @name (transfer none). */
GtkWidget *bs_window_page        (BsWindow *self, const char *name);
void       bs_window_show_page   (BsWindow *self, const char *name);
/* Enables each action for the current state. */
void       bs_window_update_actions (BsWindow *self);
void       bs_window_class_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
