using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class EvidenceAssurance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_evidence_items_status", table: "evidence_items");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_sent_back_at",
                table: "evidence_items",
                type: "timestamp with time zone",
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "last_sent_back_comment",
                table: "evidence_items",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "last_sent_back_reason",
                table: "evidence_items",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true
            );

            migrationBuilder.CreateTable(
                name: "closure_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    decided_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    state_at_decision = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_closure_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_closure_records_recommendations_recommendation_id",
                        column: x => x.recommendation_id,
                        principalTable: "recommendations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                    table.ForeignKey(
                        name: "fk_closure_records_users_decided_by_user_id",
                        column: x => x.decided_by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "evidence_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    version_number = table.Column<int>(type: "integer", nullable: false),
                    decided_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_evidence_decisions_evidence_items_evidence_item_id",
                        column: x => x.evidence_item_id,
                        principalTable: "evidence_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                    table.ForeignKey(
                        name: "fk_evidence_decisions_users_decided_by_user_id",
                        column: x => x.decided_by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "evidence_file_contents",
                columns: table => new
                {
                    file_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_file_contents", x => x.file_version_id);
                    table.ForeignKey(
                        name: "fk_evidence_file_contents_evidence_file_versions_file_version_",
                        column: x => x.file_version_id,
                        principalTable: "evidence_file_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_status_submitted_at",
                table: "evidence_items",
                columns: new[] { "status", "submitted_at" }
            );

            migrationBuilder.CreateIndex(
                name: "ix_closure_records_decided_by_user_id",
                table: "closure_records",
                column: "decided_by_user_id"
            );

            migrationBuilder.CreateIndex(
                name: "ix_closure_records_recommendation_id_decided_at",
                table: "closure_records",
                columns: new[] { "recommendation_id", "decided_at" }
            );

            migrationBuilder.CreateIndex(
                name: "ix_evidence_decisions_decided_by_user_id",
                table: "evidence_decisions",
                column: "decided_by_user_id"
            );

            migrationBuilder.CreateIndex(
                name: "ix_evidence_decisions_evidence_item_id_decided_at",
                table: "evidence_decisions",
                columns: new[] { "evidence_item_id", "decided_at" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "closure_records");

            migrationBuilder.DropTable(name: "evidence_decisions");

            migrationBuilder.DropTable(name: "evidence_file_contents");

            migrationBuilder.DropIndex(name: "ix_evidence_items_status_submitted_at", table: "evidence_items");

            migrationBuilder.DropColumn(name: "last_sent_back_at", table: "evidence_items");

            migrationBuilder.DropColumn(name: "last_sent_back_comment", table: "evidence_items");

            migrationBuilder.DropColumn(name: "last_sent_back_reason", table: "evidence_items");

            migrationBuilder.CreateIndex(name: "ix_evidence_items_status", table: "evidence_items", column: "status");
        }
    }
}
