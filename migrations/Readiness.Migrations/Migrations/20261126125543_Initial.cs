using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agencies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    entra_tenant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agencies", x => x.id);
                }
            );

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table
                        .Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    actor_agency_id = table.Column<Guid>(type: "uuid", nullable: true),
                    entity_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    old_values = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    new_values = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                }
            );

            migrationBuilder.CreateTable(
                name: "board_report_snapshots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    scope_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    as_at = table.Column<DateOnly>(type: "date", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issued_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    data = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_report_snapshots", x => x.id);
                }
            );

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    recipient_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    stage = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    subject_entity_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    subject_entity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                }
            );

            migrationBuilder.CreateTable(
                name: "reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    is_sample_data = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reviews", x => x.id);
                }
            );

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entra_object_id = table.Column<Guid>(type: "uuid", nullable: true),
                    entra_tenant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    display_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: true),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    notification_preference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    is_demonstration_user = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_users_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "themes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    review_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_themes", x => x.id);
                    table.ForeignKey(
                        name: "fk_themes_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "recommendations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    review_id = table.Column<Guid>(type: "uuid", nullable: false),
                    theme_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    lead_agency_id = table.Column<Guid>(type: "uuid", nullable: false),
                    response = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    response_rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    delivery_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rag = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    rag_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    original_target_date = table.Column<DateOnly>(type: "date", nullable: true),
                    current_target_date = table.Column<DateOnly>(type: "date", nullable: true),
                    is_monitored = table.Column<bool>(type: "boolean", nullable: false),
                    marking = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    owner_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    search_vector = table
                        .Column<NpgsqlTsVector>(type: "tsvector", nullable: true)
                        .Annotation("Npgsql:TsVectorConfig", "english")
                        .Annotation("Npgsql:TsVectorProperties", new[] { "reference", "title", "text" }),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendations", x => x.id);
                    table.ForeignKey(
                        name: "fk_recommendations_agencies_lead_agency_id",
                        column: x => x.lead_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict
                    );
                    table.ForeignKey(
                        name: "fk_recommendations_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict
                    );
                    table.ForeignKey(
                        name: "fk_recommendations_themes_theme_id",
                        column: x => x.theme_id,
                        principalTable: "themes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict
                    );
                    table.ForeignKey(
                        name: "fk_recommendations_users_owner_user_id",
                        column: x => x.owner_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "milestones",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delivering_agency_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    original_due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    current_due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_milestones", x => x.id);
                    table.ForeignKey(
                        name: "fk_milestones_agencies_delivering_agency_id",
                        column: x => x.delivering_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict
                    );
                    table.ForeignKey(
                        name: "fk_milestones_recommendations_recommendation_id",
                        column: x => x.recommendation_id,
                        principalTable: "recommendations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                    table.ForeignKey(
                        name: "fk_milestones_users_owner_user_id",
                        column: x => x.owner_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "progress_updates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    narrative = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    delivery_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rag = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rag_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    author_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reporting_period = table.Column<DateOnly>(type: "date", nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_updates", x => x.id);
                    table.ForeignKey(
                        name: "fk_progress_updates_recommendations_recommendation_id",
                        column: x => x.recommendation_id,
                        principalTable: "recommendations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                    table.ForeignKey(
                        name: "fk_progress_updates_users_author_user_id",
                        column: x => x.author_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "recommendation_supporting_agencies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: false),
                    part_of_work = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendation_supporting_agencies", x => x.id);
                    table.ForeignKey(
                        name: "fk_recommendation_supporting_agencies_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict
                    );
                    table.ForeignKey(
                        name: "fk_recommendation_supporting_agencies_recommendations_recommen",
                        column: x => x.recommendation_id,
                        principalTable: "recommendations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "evidence_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    milestone_id = table.Column<Guid>(type: "uuid", nullable: true),
                    title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    evidence_date = table.Column<DateOnly>(type: "date", nullable: false),
                    link_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sent_back_count = table.Column<int>(type: "integer", nullable: false),
                    submitted_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_evidence_items_milestones_milestone_id",
                        column: x => x.milestone_id,
                        principalTable: "milestones",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull
                    );
                    table.ForeignKey(
                        name: "fk_evidence_items_recommendations_recommendation_id",
                        column: x => x.recommendation_id,
                        principalTable: "recommendations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                    table.ForeignKey(
                        name: "fk_evidence_items_users_submitted_by_user_id",
                        column: x => x.submitted_by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "evidence_file_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version_number = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    uploaded_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_file_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_evidence_file_versions_evidence_items_evidence_item_id",
                        column: x => x.evidence_item_id,
                        principalTable: "evidence_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(name: "ix_agencies_code", table: "agencies", column: "code", unique: true);

            migrationBuilder.CreateIndex(name: "ix_agencies_entra_tenant_id", table: "agencies", column: "entra_tenant_id", unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_actor_user_id_occurred_at",
                table: "audit_events",
                columns: new[] { "actor_user_id", "occurred_at" }
            );

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_entity_type_entity_id",
                table: "audit_events",
                columns: new[] { "entity_type", "entity_id" }
            );

            migrationBuilder.CreateIndex(name: "ix_audit_events_occurred_at", table: "audit_events", column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_recommendation_id_occurred_at",
                table: "audit_events",
                columns: new[] { "recommendation_id", "occurred_at" }
            );

            migrationBuilder.CreateIndex(name: "ix_board_report_snapshots_issued_at", table: "board_report_snapshots", column: "issued_at");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_file_versions_evidence_item_id_version_number",
                table: "evidence_file_versions",
                columns: new[] { "evidence_item_id", "version_number" },
                unique: true
            );

            migrationBuilder.CreateIndex(name: "ix_evidence_items_milestone_id", table: "evidence_items", column: "milestone_id");

            migrationBuilder.CreateIndex(name: "ix_evidence_items_recommendation_id", table: "evidence_items", column: "recommendation_id");

            migrationBuilder.CreateIndex(name: "ix_evidence_items_status", table: "evidence_items", column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_submitted_by_user_id",
                table: "evidence_items",
                column: "submitted_by_user_id"
            );

            migrationBuilder.CreateIndex(name: "ix_milestones_delivering_agency_id", table: "milestones", column: "delivering_agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_milestones_open_by_due_date",
                table: "milestones",
                column: "current_due_date",
                filter: "completed_on IS NULL"
            );

            migrationBuilder.CreateIndex(name: "ix_milestones_owner_user_id", table: "milestones", column: "owner_user_id");

            migrationBuilder.CreateIndex(name: "ix_milestones_recommendation_id", table: "milestones", column: "recommendation_id");

            migrationBuilder.CreateIndex(name: "ix_notifications_key", table: "notifications", column: "key", unique: true);

            migrationBuilder.CreateIndex(name: "ix_notifications_recipient_user_id", table: "notifications", column: "recipient_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_state_created_at",
                table: "notifications",
                columns: new[] { "state", "created_at" }
            );

            migrationBuilder.CreateIndex(name: "ix_progress_updates_author_user_id", table: "progress_updates", column: "author_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_progress_updates_recommendation_id_posted_at",
                table: "progress_updates",
                columns: new[] { "recommendation_id", "posted_at" }
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_supporting_agencies_agency_id",
                table: "recommendation_supporting_agencies",
                column: "agency_id"
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_supporting_agencies_recommendation_id_agency",
                table: "recommendation_supporting_agencies",
                columns: new[] { "recommendation_id", "agency_id" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_current_target_date",
                table: "recommendations",
                column: "current_target_date"
            );

            migrationBuilder.CreateIndex(name: "ix_recommendations_delivery_status", table: "recommendations", column: "delivery_status");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_is_monitored",
                table: "recommendations",
                column: "is_monitored",
                filter: "is_monitored"
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_lead_agency_id_delivery_status",
                table: "recommendations",
                columns: new[] { "lead_agency_id", "delivery_status" }
            );

            migrationBuilder.CreateIndex(name: "ix_recommendations_owner_user_id", table: "recommendations", column: "owner_user_id");

            migrationBuilder.CreateIndex(name: "ix_recommendations_rag", table: "recommendations", column: "rag");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_review_id_reference",
                table: "recommendations",
                columns: new[] { "review_id", "reference" },
                unique: true
            );

            migrationBuilder
                .CreateIndex(name: "ix_recommendations_search_vector", table: "recommendations", column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(name: "ix_recommendations_theme_id", table: "recommendations", column: "theme_id");

            migrationBuilder.CreateIndex(name: "ix_reviews_code", table: "reviews", column: "code", unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_themes_review_id_name",
                table: "themes",
                columns: new[] { "review_id", "name" },
                unique: true
            );

            migrationBuilder.CreateIndex(name: "ix_users_agency_id", table: "users", column: "agency_id");

            migrationBuilder.CreateIndex(name: "ix_users_email", table: "users", column: "email", unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_entra_tenant_id_entra_object_id",
                table: "users",
                columns: new[] { "entra_tenant_id", "entra_object_id" },
                unique: true
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "audit_events");

            migrationBuilder.DropTable(name: "board_report_snapshots");

            migrationBuilder.DropTable(name: "evidence_file_versions");

            migrationBuilder.DropTable(name: "notifications");

            migrationBuilder.DropTable(name: "progress_updates");

            migrationBuilder.DropTable(name: "recommendation_supporting_agencies");

            migrationBuilder.DropTable(name: "evidence_items");

            migrationBuilder.DropTable(name: "milestones");

            migrationBuilder.DropTable(name: "recommendations");

            migrationBuilder.DropTable(name: "themes");

            migrationBuilder.DropTable(name: "users");

            migrationBuilder.DropTable(name: "reviews");

            migrationBuilder.DropTable(name: "agencies");
        }
    }
}
