/* bs-documents-page-controls.c — the controls above the page of the
 * documents page: the visualisation and the box's page, and the offers a
 * document makes — to sign into its empty field, or its password when it
 * is protected. See bs-documents-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-documents-page-private.h"
#include "bs-document-unlock.h"

#include <glib/gi18n.h>

/* An Esign Client Service places a new signature of its own: signing
 * into an existing field is this computer's. */
static BsSignField *
offered_field (BsDocumentsPage *self, BsAppDocument *doc)
{
  GPtrArray *fields = doc ? bs_app_document_get_fields (doc) : NULL;

  if (bs_app_context_get_kind (bs_documents_page_context (self)) == BS_BSRE_KIND_ESIGN_CLIENT
      && bs_app_context_get_local_certificate (bs_documents_page_context (self)) == NULL)
    return NULL;
  if (fields == NULL || fields->len == 0 || bs_app_document_get_field_name (doc) != NULL)
    return NULL;
  return g_ptr_array_index (fields, 0);
}

/* Only the service opens a protected document to sign it (pdfPassword):
 * signing on this computer refuses them. */
gboolean
bs_documents_page_can_unlock (BsDocumentsPage *self)
{
  return bs_app_context_get_kind (bs_documents_page_context (self)) == BS_BSRE_KIND_ESIGN_CLIENT
         && bs_app_context_get_local_certificate (bs_documents_page_context (self)) == NULL;
}

gboolean
bs_documents_page_waits_for_password (BsDocumentsPage *self, BsAppDocument *doc)
{
  return doc != NULL && bs_app_document_is_locked (doc) && bs_app_document_get_pdf_password (doc) == NULL;
}

/* A protected document says what it needs: its password (an Esign Client
 * Service opens it with it), or to lose its protection. */
static void
show_lock_offer (BsDocumentsPage *self)
{
  gboolean waits = bs_documents_page_waits_for_password (self, self->current);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->lock_bar, waits);
  gtk_widget_set_visible (self->unlock, waits && bs_documents_page_can_unlock (self));
  if (!waits)
    return;
  if (bs_documents_page_can_unlock (self))
    text = g_strdup_printf (_("“%s” is protected by a password: type it to show the document and to have it signed "
                              "(the service opens it with the password)."), bs_app_document_get_name (self->current));
  else
    text = g_strdup_printf (_("“%s” is protected by a password, and signing on this computer cannot sign protected "
                              "documents yet: remove the protection first, or sign it through an Esign Client "
                              "Service."), bs_app_document_get_name (self->current));
  gtk_label_set_text (self->lock_label, text);
}

void
bs_documents_page_ask_password (BsDocumentsPage *self)
{
  if (self->unlock_dialog != NULL || !bs_documents_page_can_unlock (self)
      || !bs_documents_page_waits_for_password (self, self->current))
    return;
  self->unlock_dialog = bs_document_unlock (GTK_WIDGET (self), bs_documents_page_context (self), self->current);
  g_object_add_weak_pointer (G_OBJECT (self->unlock_dialog), (gpointer *) &self->unlock_dialog);
}

/* A document with an empty signature field offers to sign into it. */
static void
show_field_offer (BsDocumentsPage *self)
{
  BsSignField *field = offered_field (self, self->current);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->field_bar, field != NULL);
  if (field != NULL)
    {
      text = field->page > 0 ? g_strdup_printf (_("This document has an empty signature field “%s” on page %d."),
                                                field->name, field->page)
                             : g_strdup_printf (_("This document has an empty signature field “%s”."), field->name);
      gtk_label_set_text (self->field_label, text);
    }
}

/* The controls above the page follow the current document. */
void
bs_documents_page_show_placement (BsDocumentsPage *self)
{
  BsAppDocument *doc = self->current;
  gboolean visible = doc != NULL && bs_app_document_get_visible (doc);
  gboolean own_field = doc != NULL && bs_app_document_get_field_name (doc) != NULL;
  int n_pages = bs_page_view_get_n_pages (self->view);

  self->showing = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->visualisation), doc != NULL && !own_field);
  gtk_drop_down_set_selected (self->visualisation, visible ? 1 : 0);
  gtk_adjustment_set_upper (self->box_page_range, MAX (n_pages, doc ? bs_app_document_get_page (doc) : 1));
  gtk_adjustment_set_value (self->box_page_range, doc ? bs_app_document_get_page (doc) : 1);
  gtk_widget_set_visible (self->page_label, visible);
  gtk_widget_set_visible (GTK_WIDGET (self->box_page), visible);
  gtk_widget_set_sensitive (GTK_WIDGET (self->box_page), visible && !own_field);
  gtk_widget_set_visible (self->place_hint, visible && !own_field);
  self->showing = FALSE;
  show_field_offer (self);
  show_lock_offer (self);
  bs_documents_page_update_actions (self);
}

/* The password opened the document shown: its page with it. */
void
bs_documents_page_on_unlocked (BsDocumentsPage *self)
{
  if (self->current == NULL || bs_app_document_get_pdf_password (self->current) == NULL)
    return;
  bs_page_view_set_file_with_password (self->view, bs_app_document_get_path (self->current),
                                       bs_app_document_get_pdf_password (self->current));
}

static void
use_field_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsDocumentsPage *self = BS_DOCUMENTS_PAGE (widget);
  BsSignField *field = offered_field (self, self->current);

  if (field == NULL)
    return;
  bs_app_document_use_field (self->current, field);
  if (field->page > 0 && bs_page_view_get_page (self->view) != field->page)
    bs_page_view_set_page (self->view, field->page);
  bs_documents_page_show_placement (self);
}

void
bs_documents_page_on_visualisation (BsDocumentsPage *self)
{
  gboolean visible = gtk_drop_down_get_selected (self->visualisation) == 1;

  if (self->showing || self->current == NULL || visible == bs_app_document_get_visible (self->current))
    return;
  /* A box made visible starts on the page being looked at. */
  if (visible && bs_page_view_is_rendered (self->view))
    bs_app_document_set_page (self->current, bs_page_view_get_page (self->view));
  bs_app_document_set_visible (self->current, visible);
}

void
bs_documents_page_on_box_page (BsDocumentsPage *self)
{
  int page = gtk_spin_button_get_value_as_int (self->box_page);

  if (self->showing || self->current == NULL || page == bs_app_document_get_page (self->current))
    return;
  bs_app_document_set_page (self->current, page);
  bs_page_view_set_page (self->view, page);
}

BsSignField *
bs_documents_page_offered_field (BsDocumentsPage *self)
{
  return offered_field (self, self->current);
}

static void
unlock_action (GtkWidget *widget, const char *action, GVariant *param)
{
  bs_documents_page_ask_password (BS_DOCUMENTS_PAGE (widget));
}

void
bs_documents_page_install_control_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "documents.use-field", NULL, use_field_action);
  gtk_widget_class_install_action (widget_class, "documents.unlock", NULL, unlock_action);
}
