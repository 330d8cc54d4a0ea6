using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class StateHistoryDetail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "lead_agency_id",
                table: "recommendation_state_history",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000")
            );

            migrationBuilder.AddColumn<string>(
                name: "marking",
                table: "recommendation_state_history",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: ""
            );

            migrationBuilder.AddColumn<DateOnly>(name: "target_date", table: "recommendation_state_history", type: "date", nullable: true);

            // Rebuilt with the target dates approved changes replaced by `history record`, which migrate.sh runs next.
            migrationBuilder.Sql("DELETE FROM recommendation_state_history;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "lead_agency_id", table: "recommendation_state_history");

            migrationBuilder.DropColumn(name: "marking", table: "recommendation_state_history");

            migrationBuilder.DropColumn(name: "target_date", table: "recommendation_state_history");
        }
    }
}
