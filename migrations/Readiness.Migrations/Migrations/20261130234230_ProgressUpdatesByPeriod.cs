using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ProgressUpdatesByPeriod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_progress_updates_recommendation_id_reporting_period",
                table: "progress_updates",
                columns: new[] { "recommendation_id", "reporting_period" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_progress_updates_recommendation_id_reporting_period", table: "progress_updates");
        }
    }
}
