using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ReportRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scope_code = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    as_at = table.Column<DateOnly>(type: "date", nullable: false),
                    reader_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reader_agency_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reader_has_sensitive_access = table.Column<bool>(type: "boolean", nullable: false),
                    data_version = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    percent = table.Column<int>(type: "integer", nullable: false),
                    stage = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recommendations = table.Column<int>(type: "integer", nullable: false),
                    marking = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: true),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_runs", x => x.id);
                }
            );

            migrationBuilder.CreateIndex(
                name: "ix_report_runs_key",
                table: "report_runs",
                column: "key",
                unique: true,
                filter: "state <> 'Failed'"
            );

            migrationBuilder.CreateIndex(name: "ix_report_runs_requested_at", table: "report_runs", column: "requested_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "report_runs");
        }
    }
}
