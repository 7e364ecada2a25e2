/* bs-documents-page-private.h — what bs-documents-page.c (the list and
 * the documents) and bs-documents-page-controls.c (the controls above the
 * page) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-documents-page.h"
#include "bs-page-view.h"

G_BEGIN_DECLS

struct _BsDocumentsPage {
  BsPage          parent_instance;

  /* Template widgets */
  GtkListBox     *list;
  GtkBox         *preview;
  GtkDropDown    *visualisation;
  GtkWidget      *page_label;
  GtkSpinButton  *box_page;
  GtkAdjustment  *box_page_range;
  GtkWidget      *place_hint;
  GtkWidget      *field_bar;
  GtkLabel       *field_label;
  GtkWidget      *lock_bar;
  GtkLabel       *lock_label;
  GtkWidget      *unlock;

  /* Owned */
  GListStore     *documents;   /* BsAppDocument, in list order */
  BsAppDocument  *current;     /* the one shown */
  GSignalGroup   *current_signals;
  GtkWidget      *box;
  GCancellable   *alive;
  gboolean        showing;     /* the controls follow a newly shown document */

  /* Borrowed: a child of the preview; a window over the page (weak) */
  BsPageView     *view;
  GtkWidget      *unlock_dialog;
};

BsAppContext *bs_documents_page_context (BsDocumentsPage *self);
/* Enables each action for the current state. */
void          bs_documents_page_update_actions (BsDocumentsPage *self);

/* ---- bs-documents-page-controls.c ---- */

/* The empty field the shown document offers to sign into, or NULL. */
BsSignField  *bs_documents_page_offered_field (BsDocumentsPage *self);
/* Protected documents can be signed (by an Esign Client Service). */
gboolean      bs_documents_page_can_unlock (BsDocumentsPage *self);
/* @doc opens only with a password not given yet. */
gboolean      bs_documents_page_waits_for_password (BsDocumentsPage *self, BsAppDocument *doc);
/* The controls and offers follow the shown document. */
void          bs_documents_page_show_placement (BsDocumentsPage *self);
/* Asks for the shown document's password, when it waits for one. */
void          bs_documents_page_ask_password (BsDocumentsPage *self);
/* Signal handlers: the shown document got its password; the
 * visualisation or the box's page changed. */
void          bs_documents_page_on_unlocked (BsDocumentsPage *self);
void          bs_documents_page_on_visualisation (BsDocumentsPage *self);
void          bs_documents_page_on_box_page (BsDocumentsPage *self);
/* documents.use-field, documents.unlock. */
void          bs_documents_page_install_control_actions (GtkWidgetClass *widget_class);

G_END_DECLS
