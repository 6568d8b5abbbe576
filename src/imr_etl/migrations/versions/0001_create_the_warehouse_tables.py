"""Create the warehouse tables

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('etl_runs',
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('command', sa.Text(), nullable=False, comment='ingest or reprocess'),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.Text(), nullable=False, comment='running, succeeded, rejections or failed'),
    sa.Column('files_seen', sa.Integer(), nullable=False),
    sa.Column('files_loaded', sa.Integer(), nullable=False),
    sa.Column('files_unchanged', sa.Integer(), nullable=False),
    sa.Column('files_rejected', sa.Integer(), nullable=False),
    sa.Column('parser_version', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('run_id', name=op.f('pk_etl_runs')),
    comment='One row per ingest or reprocess run.'
    )
    op.create_table('reviewers',
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_key', sa.Text(), nullable=False, comment='Deterministic from the normalized profile: certifications|states'),
    sa.Column('specialty', sa.Text(), nullable=True, comment='Primary board certification, one spelling'),
    sa.Column('subspecialty', sa.Text(), nullable=True, comment='Second certification or stated subspecialty'),
    sa.Column('license_states', sa.Text(), nullable=True, comment='Two-letter codes in the order written: TX,FL'),
    sa.Column('certifications', sa.Text(), nullable=True, comment="Every certification in order, '; '-separated"),
    sa.PrimaryKeyConstraint('reviewer_id', name=op.f('pk_reviewers')),
    sa.UniqueConstraint('reviewer_key', name=op.f('uq_reviewers_reviewer_key')),
    comment='One row per distinct reviewer profile (letters name no reviewer).'
    )
    op.create_table('cases',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('case_key', sa.Text(), nullable=False, comment='IMR case number, or the file name when the letter carries none'),
    sa.Column('case_number', sa.Text(), nullable=True, comment='CMyy-nnnnnnn from the first page'),
    sa.Column('date_assigned', sa.Date(), nullable=True),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('ur_denial_date', sa.Date(), nullable=True),
    sa.Column('application_received_date', sa.Date(), nullable=True),
    sa.Column('priority', sa.Text(), nullable=True, comment='standard or expedited'),
    sa.Column('source_name', sa.Text(), nullable=False, comment='File the letter was last ingested from'),
    sa.Column('content_sha256', sa.Text(), nullable=False, comment='Hex SHA-256 of the raw bytes'),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('patient_age', sa.Integer(), nullable=True),
    sa.Column('patient_sex', sa.Text(), nullable=True, comment='male or female'),
    sa.Column('date_of_injury', sa.Date(), nullable=True),
    sa.Column('diagnoses', sa.Text(), nullable=True, comment="As listed, '; '-separated"),
    sa.Column('clinical_summary', sa.Text(), nullable=True, comment='Reflowed to one paragraph'),
    sa.Column('letter_format', sa.Text(), nullable=False, comment='Layout the letter was parsed as'),
    sa.Column('parser_version', sa.Text(), nullable=False),
    sa.Column('lexicon_version', sa.Text(), nullable=False),
    sa.Column('letter_text', sa.Text(), nullable=False, comment='Cleaned text, for reprocessing'),
    sa.Column('record_sha256', sa.Text(), nullable=False, comment='Hash of the parsed rows: reprocess rewrites a case only when it changes'),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("patient_sex IN ('male', 'female')", name=op.f('ck_cases_patient_sex')),
    sa.CheckConstraint("priority IN ('standard', 'expedited')", name=op.f('ck_cases_priority')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['reviewers.reviewer_id'], name=op.f('fk_cases_reviewer_id_reviewers')),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_cases')),
    sa.UniqueConstraint('case_key', name=op.f('uq_cases_case_key')),
    comment='One row per letter.'
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_content_sha256', ['content_sha256'], unique=False)
        batch_op.create_index('ix_cases_decision_date', ['decision_date'], unique=False)
        batch_op.create_index('ix_cases_reviewer_id', ['reviewer_id'], unique=False)

    op.create_table('rejected_letters',
    sa.Column('rejected_id', sa.Integer(), nullable=False),
    sa.Column('source_name', sa.Text(), nullable=False),
    sa.Column('source_path', sa.Text(), nullable=True, comment='Where the file was read from'),
    sa.Column('content_sha256', sa.Text(), nullable=False),
    sa.Column('stage', sa.Text(), nullable=False, comment='extract, transform or load'),
    sa.Column('reason', sa.Text(), nullable=False, comment='What is wrong and what to do'),
    sa.Column('raw_content', sa.LargeBinary(), nullable=False, comment='The bytes as received'),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['etl_runs.run_id'], name=op.f('fk_rejected_letters_run_id_etl_runs')),
    sa.PrimaryKeyConstraint('rejected_id', name=op.f('pk_rejected_letters')),
    sa.UniqueConstraint('source_name', name=op.f('uq_rejected_letters_source_name')),
    comment='Inputs that could not be loaded; a row goes once its file loads.'
    )
    op.create_table('disputed_items',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('item_number', sa.Integer(), nullable=False, comment='1-based, in letter order'),
    sa.Column('request_text', sa.Text(), nullable=False, comment='As written (remaining portion for a modified request), no decision'),
    sa.Column('decision', sa.Text(), nullable=False, comment='upheld or overturned'),
    sa.Column('treatment_category', sa.Text(), nullable=True, comment='DWC request category, lower snake case'),
    sa.Column('treatment_subcategory', sa.Text(), nullable=True, comment='DWC subcategory or drug class, as DWC spells it'),
    sa.Column('treatment_name', sa.Text(), nullable=True, comment='Generic drug name(s) joined by / or the procedure'),
    sa.Column('drug_class', sa.Text(), nullable=True, comment='opioid, muscle relaxant, ...; null for non-drugs'),
    sa.Column('rationale', sa.Text(), nullable=False, comment='The decision rationale, reflowed'),
    sa.Column('original_request', sa.Text(), nullable=True, comment='Modified requests: the original request'),
    sa.Column('authorized_request', sa.Text(), nullable=True, comment='Modified requests: what the claims administrator authorized'),
    sa.Column('body_region', sa.Text(), nullable=True),
    sa.Column('strength', sa.Text(), nullable=True, comment='As written: 10/325 mg'),
    sa.Column('quantity', sa.Float(), nullable=True),
    sa.Column('refills', sa.Integer(), nullable=True),
    sa.Column('frequency', sa.Text(), nullable=True),
    sa.Column('sessions', sa.Integer(), nullable=True),
    sa.Column('retrospective', sa.Boolean(), nullable=False),
    sa.CheckConstraint("decision IN ('upheld', 'overturned')", name=op.f('ck_disputed_items_decision')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.case_id'], name=op.f('fk_disputed_items_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', name=op.f('pk_disputed_items')),
    sa.UniqueConstraint('case_id', 'item_number', name=op.f('uq_disputed_items_case_id_item_number')),
    comment='One row per disputed treatment in a letter.'
    )
    with op.batch_alter_table('disputed_items', schema=None) as batch_op:
        batch_op.create_index('ix_disputed_items_drug_class', ['drug_class'], unique=False)
        batch_op.create_index('ix_disputed_items_treatment_category', ['treatment_category'], unique=False)

    op.create_table('guideline_citations',
    sa.Column('citation_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('cited_by', sa.Text(), nullable=False, comment='claims_administrator or imro'),
    sa.Column('position', sa.Integer(), nullable=False, comment="1-based within that party's paragraph"),
    sa.Column('source', sa.Text(), nullable=False, comment='MTUS, ODG, ACOEM, other or none'),
    sa.Column('guideline', sa.Text(), nullable=True, comment='Canonical document: MTUS Chronic Pain Medical Treatment Guidelines'),
    sa.Column('edition_year', sa.Integer(), nullable=True, comment='Edition year where cited: 2004, 2009, 2016'),
    sa.Column('topic', sa.Text(), nullable=True),
    sa.Column('pages', sa.Text(), nullable=True, comment='As written: 60-61, 76-78, 88-89'),
    sa.Column('first_page', sa.Integer(), nullable=True),
    sa.Column('last_page', sa.Integer(), nullable=True),
    sa.Column('raw_text', sa.Text(), nullable=False, comment='The citation as written'),
    sa.CheckConstraint("cited_by IN ('claims_administrator', 'imro')", name=op.f('ck_guideline_citations_cited_by')),
    sa.CheckConstraint("source IN ('MTUS', 'ODG', 'ACOEM', 'other', 'none')", name=op.f('ck_guideline_citations_source')),
    sa.ForeignKeyConstraint(['item_id'], ['disputed_items.item_id'], name=op.f('fk_guideline_citations_item_id_disputed_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('citation_id', name=op.f('pk_guideline_citations')),
    sa.UniqueConstraint('item_id', 'cited_by', 'position', name=op.f('uq_guideline_citations_item_id_cited_by_position')),
    comment='What each party based its decision on, per item.'
    )


def downgrade() -> None:
    op.drop_table('guideline_citations')
    with op.batch_alter_table('disputed_items', schema=None) as batch_op:
        batch_op.drop_index('ix_disputed_items_treatment_category')
        batch_op.drop_index('ix_disputed_items_drug_class')

    op.drop_table('disputed_items')
    op.drop_table('rejected_letters')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_reviewer_id')
        batch_op.drop_index('ix_cases_decision_date')
        batch_op.drop_index('ix_cases_content_sha256')

    op.drop_table('cases')
    op.drop_table('reviewers')
    op.drop_table('etl_runs')
